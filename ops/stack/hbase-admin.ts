// Admin work (namespaces, tables, splits, moves) through ops/stack/hbase/admin/
// UtopiaHBaseAdmin.java, a small program on HBase's own Java Admin API: the
// hbase-shell artifact is not published on Maven Central for 2.5/2.6 and
// hbase-rpc-client has no admin calls. One JVM per batch of operations: it reads a
// JSON array of operations on stdin and prints one JSON result line per operation.
// Row keys travel as hex because they are binary.

import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { HBaseError } from '../../common/errors';

export interface HBaseAdminOptions {
  /** Folder of the HBase jars (hbase-server and dependencies, plus a logging backend). */
  readonly libDir: string;
  /** Folder with the compiled UtopiaHBaseAdmin.class. */
  readonly classesDir: string;
  readonly javaBin?: string;
  readonly zookeeperQuorum: readonly { readonly host: string; readonly port: number }[];
  readonly zookeeperRoot: string;
  /** Kills the JVM after this long (a split waits up to 60 s inside). */
  readonly timeoutMs?: number;
}

export interface FamilySpec {
  readonly name: string;
  readonly versions?: number;
  readonly ttlSeconds?: number;
}

export interface RegionDescription {
  readonly name: string;
  readonly encodedName: string;
  readonly startKey: Buffer;
  readonly endKey: Buffer;
  readonly server: string | null;
}

export type AdminOperation =
  | { op: 'ping' }
  | { op: 'createNamespace'; namespace: string }
  | { op: 'deleteNamespace'; namespace: string }
  | { op: 'createTable'; table: string; families: readonly FamilySpec[]; splits?: readonly string[] }
  | { op: 'deleteTable'; table: string }
  | { op: 'split'; table: string; splitPoint?: string }
  | { op: 'regions'; table: string }
  | { op: 'move'; table: string; region: string; server?: string }
  | { op: 'flush'; table: string }
  | { op: 'listTables'; namespace?: string };

export interface AdminResult {
  readonly op: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly errorClass?: string;
  readonly [key: string]: unknown;
}

export const ADMIN_MAIN_CLASS = 'UtopiaHBaseAdmin';

/** Source of the admin program, relative to the repository root. */
export const ADMIN_SOURCE = path.join('ops', 'stack', 'hbase', 'admin', 'UtopiaHBaseAdmin.java');

const execFileAsync = promisify(execFile);

export class HBaseAdmin {
  private readonly javaBin: string;

  constructor(private readonly options: HBaseAdminOptions) {
    this.javaBin = options.javaBin ?? 'java';
  }

  /** Compiles the admin program: `javac -d classesDir -cp libDir/* source`. */
  static async compile(options: { libDir: string; classesDir: string; sourceFile: string; javacBin?: string }): Promise<void> {
    try {
      await execFileAsync(options.javacBin ?? 'javac', [
        '-nowarn',
        '-d',
        options.classesDir,
        '-cp',
        path.join(options.libDir, '*'),
        options.sourceFile,
      ]);
    } catch (error) {
      throw new HBaseError(`javac ${options.sourceFile} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`, {
        cause: error,
      });
    }
  }

  /** Runs operations in one JVM; results in the same order. Failed operations have ok=false. */
  async run(operations: readonly AdminOperation[]): Promise<AdminResult[]> {
    const quorum = this.options.zookeeperQuorum;
    const first = quorum[0];
    if (!first) throw new HBaseError('no ZooKeeper host given');
    // The Java client takes hosts and one port; every host must share it.
    const hosts = quorum.map((hp) => hp.host).join(',');
    const classpath = `${this.options.classesDir}${path.delimiter}${path.join(this.options.libDir, '*')}`;
    const args = ['-Xmx256m', '-cp', classpath, ADMIN_MAIN_CLASS, hosts, String(first.port), this.options.zookeeperRoot];
    const { stdout, stderr, code } = await runWithInput(this.javaBin, args, JSON.stringify(operations), this.options.timeoutMs ?? 180_000);
    const results = stdout
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => JSON.parse(line) as AdminResult);
    if (code !== 0 || results.length !== operations.length) {
      throw new HBaseError(
        `${ADMIN_MAIN_CLASS} exited with ${code} after ${results.length}/${operations.length} operations: ${tail(stderr)}`,
        { retriable: true },
      );
    }
    return results;
  }

  /** Runs operations and throws on the first that failed. */
  async runOrThrow(operations: readonly AdminOperation[]): Promise<AdminResult[]> {
    const results = await this.run(operations);
    const failed = results.find((result) => !result.ok);
    if (failed) throw new HBaseError(`HBase admin ${failed.op} failed: ${failed.errorClass}: ${failed.error}`);
    return results;
  }

  async ping(): Promise<AdminResult> {
    return one(await this.runOrThrow([{ op: 'ping' }]));
  }

  async createTable(table: string, families: readonly FamilySpec[], splits: readonly Buffer[] = []): Promise<void> {
    const namespace = table.includes(':') ? table.slice(0, table.indexOf(':')) : undefined;
    await this.runOrThrow([
      ...(namespace ? [{ op: 'createNamespace' as const, namespace }] : []),
      { op: 'createTable', table, families, splits: splits.map((split) => split.toString('hex')) },
    ]);
  }

  async deleteTables(tables: readonly string[]): Promise<void> {
    if (tables.length > 0) await this.runOrThrow(tables.map((table) => ({ op: 'deleteTable' as const, table })));
  }

  /** Splits at `splitPoint` and waits until the table has more regions. */
  async split(table: string, splitPoint: Buffer): Promise<void> {
    await this.runOrThrow([{ op: 'split', table, splitPoint: splitPoint.toString('hex') }]);
  }

  async regions(table: string): Promise<RegionDescription[]> {
    const result = one(await this.runOrThrow([{ op: 'regions', table }]));
    return (result['regions'] as { name: string; encodedName: string; startKey: string; endKey: string; server: string | null }[]).map(
      (r) => ({
        ...r,
        startKey: Buffer.from(r.startKey, 'hex'),
        endKey: Buffer.from(r.endKey, 'hex'),
      }),
    );
  }

  async move(table: string, encodedRegionName: string): Promise<void> {
    await this.runOrThrow([{ op: 'move', table, region: encodedRegionName }]);
  }

  async flush(table: string): Promise<void> {
    await this.runOrThrow([{ op: 'flush', table }]);
  }

  async listTables(namespace?: string): Promise<string[]> {
    const result = one(await this.runOrThrow([namespace ? { op: 'listTables', namespace } : { op: 'listTables' }]));
    return result['tables'] as string[];
  }
}

function one(results: AdminResult[]): AdminResult {
  const [result] = results;
  if (!result) throw new HBaseError('HBase admin returned no result');
  return result;
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join('\n');
}

function runWithInput(
  command: string,
  args: string[],
  input: string,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new HBaseError(`cannot run ${command}: ${error.message}`, { cause: error }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(input);
  });
}
