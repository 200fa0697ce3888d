export { startSupervisor, type Supervisor } from './supervisor';
export type { ProcessSpec, SupervisedProcess } from './supervised-process';
