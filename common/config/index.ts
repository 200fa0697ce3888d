export {
  loadConfig,
  describeConfig,
  logFormatFrom,
  repoRoot,
  BATCH_ENGINES,
  parseBatchEngine,
  type BatchEngine,
  type Config,
} from './config';
export type { HostPort } from './parsers';
export { settings, type Setting, type SettingName } from './settings';
