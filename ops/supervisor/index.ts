export { startSupervisor, type Supervisor } from './supervisor';
export { restartCount, restartDelay, type ProcessSpec, type SupervisedProcess } from './supervised-process';
