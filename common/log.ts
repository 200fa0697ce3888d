// The project's leveled logger: one line per message on stderr, so stdout stays
// free for command output (tables, JSON, CSV). Two formats (UTOPIA_LOG_FORMAT):
//   text  2026-12-02T01:02:03.456Z INFO  [speed:kafka] message
//   json  {"level":"info","time":"2026-12-02T01:02:03.456Z","layer":"speed","scope":"speed:kafka","message":"message"}
// JSON lines are written by pino (the usual structured logger for Node), for log
// shippers: level, time, layer (the process's first scope) and message always,
// scope when a child logger narrows it.

import pino from 'pino';
import { logFormatFrom } from './config';
import type { LogFormat, LogLevel } from './config/parsers';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

export type LineWriter = (line: string) => void;

const toStderr: LineWriter = (line) => process.stderr.write(line + '\n');

export function createLogger(
  scope: string,
  level: LogLevel = 'info',
  write: LineWriter = toStderr,
  format: LogFormat = logFormatFrom(),
): Logger {
  return format === 'json' ? jsonLogger(scope, level, write) : textLogger(scope, level, write);
}

function textLogger(scope: string, level: LogLevel, write: LineWriter): Logger {
  const at = (lineLevel: LogLevel) => (message: string) => {
    if (order[lineLevel] < order[level]) return;
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase().padEnd(5)} [${scope}] ${message}`);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (child) => textLogger(`${scope}:${child}`, level, write),
  };
}

function jsonLogger(scope: string, level: LogLevel, write: LineWriter): Logger {
  const root = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // pino hands over each record as one string ending in a newline.
    { write: (record: string) => write(record.endsWith('\n') ? record.slice(0, -1) : record) },
  );
  const layer = scope.split(':')[0] as string;
  const wrap = (fullScope: string): Logger => {
    const bound = root.child(fullScope === layer ? { layer } : { layer, scope: fullScope });
    return {
      debug: (message) => bound.debug(message),
      info: (message) => bound.info(message),
      warn: (message) => bound.warn(message),
      error: (message) => bound.error(message),
      child: (child) => wrap(`${fullScope}:${child}`),
    };
  };
  return wrap(scope);
}
