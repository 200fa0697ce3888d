// The day's SQL embedded in the batch process with DuckDB (@duckdb/node-api).
// DuckDB reads local files, not hdfs://: the day's inputs are staged on local
// disk first (day-staging.ts). Spills past its memory limit go to `tempDir`.

import type { Logger } from '../../common/log';
import { errorMessage } from '../../common/errors';
import { SqlEngineError } from './sql-errors';
import type { SqlEngine } from './sql-engine';

export interface DuckDbOptions {
  readonly tempDir: string;
  /** Worker threads; default: every core. */
  readonly threads?: number;
}

export function duckdbEngine(options: DuckDbOptions): SqlEngine {
  return {
    name: 'duckdb',
    io: 'local',
    async run(statements: readonly string[], log: Logger): Promise<void> {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const settings: Record<string, string> = { temp_directory: options.tempDir };
      if (options.threads !== undefined) settings.threads = String(options.threads);
      const instance = await DuckDBInstance.create(':memory:', settings);
      const connection = await instance.connect();
      try {
        for (const [i, statement] of statements.entries()) {
          const started = Date.now();
          try {
            await connection.run(statement);
          } catch (error) {
            throw new SqlEngineError(
              `duckdb: statement ${i + 1}/${statements.length} failed: ${errorMessage(error)}\n${statement.trim()}`,
              { cause: error },
            );
          }
          log.debug(`duckdb: statement ${i + 1}/${statements.length} in ${Date.now() - started} ms`);
        }
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    },
  };
}
