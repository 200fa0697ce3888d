// A minimal leveled logger writing one line per message to stderr, so stdout
// stays free for command output (tables, JSON, CSV).

import type { LogLevel } from './config/parsers';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

export function createLogger(scope: string, level: LogLevel = 'info', write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const at = (lineLevel: LogLevel) => (message: string) => {
    if (order[lineLevel] < order[level]) return;
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase().padEnd(5)} [${scope}] ${message}`);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (child) => createLogger(`${scope}:${child}`, level, write),
  };
}
