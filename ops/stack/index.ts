export { createStack, type Stack } from './stack';
export type { ServiceState } from './service-runner';
export { stackLayout, type StackLayout } from './stack-layout';
