export { loadConfig, describeConfig, logFormatFrom, repoRoot, BATCH_ENGINES, parseBatchEngine, type BatchEngine, type Config, type HostPort } from './config';
export { settings, type Setting, type SettingName } from './settings';
