export { loadConfig, describeConfig, logFormatFrom, repoRoot, type Config, type HostPort } from './config';
export { settings, type Setting, type SettingName } from './settings';
