export { runSetup } from './setup';
