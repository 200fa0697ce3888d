// `npm start`: the whole pipeline, or the demo, under one supervisor.

export { runStart } from './run-start';
export { parseStartOptions, START_USAGE, type StartOptions } from './start-options';
