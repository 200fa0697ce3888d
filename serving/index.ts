// Public surface of the serving layer.

export { startServing, checkExposure, isLoopback, type RunningServer } from './serve';
export { createApp } from './app';
export { buildDeps, type BuiltDeps, type BuildOptions } from './build-deps';
export type { ServingDeps } from './deps';
export { ApiError } from './errors';
export type { AuditEntry } from './http/audit-log';
