// Spark for the spark engine, installed on first use like the stack's jars:
// a Python venv under <UTOPIA_HOME>/spark/venv with the pinned pyspark from
// PyPI (its package carries bin/spark-sql, spark-submit, spark-class and all
// the jars, about 450 MB). A marker records the version and SPARK_HOME, so a
// second use only checks it; another BATCH_SPARK_PYSPARK re-installs.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from '../../common/log';
import { SqlEngineError } from './sql-errors';

export interface SparkInstall {
  readonly version: string;
  /** The pyspark package folder: SPARK_HOME of bin/spark-sql and bin/spark-class. */
  readonly sparkHome: string;
}

const MARKER = '.utopia-pyspark.json';

export function sparkVenvDir(home: string): string {
  return path.join(home, 'spark', 'venv');
}

export function javaCommand(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Java 17 or newer on PATH (or JAVA_HOME), else a SqlEngineError saying so. */
export function checkJava(): void {
  const result = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new SqlEngineError(
      `the spark engine needs Java 17 or newer: could not run ${javaCommand()} -version (${result.error?.message ?? `exit ${result.status}`}); install a JDK or set JAVA_HOME`,
    );
  }
  const major = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (major !== undefined && Number(major) < 17)
    throw new SqlEngineError(`the spark engine needs Java 17 or newer; ${javaCommand()} is Java ${major}`);
}

export function installedSpark(home: string, version: string): SparkInstall | undefined {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(sparkVenvDir(home), MARKER), 'utf8')) as SparkInstall;
    if (marker.version === version && fs.existsSync(path.join(marker.sparkHome, 'bin', 'spark-sql'))) return marker;
  } catch {
    /* not installed */
  }
  return undefined;
}

/** The installed Spark, installing it first if needed (progress on the log). */
export async function ensureSpark(home: string, version: string, log: Logger): Promise<SparkInstall> {
  checkJava();
  const done = installedSpark(home, version);
  if (done) return done;
  const venv = sparkVenvDir(home);
  const python = process.env.UTOPIA_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import venv, sys; print(sys.version_info[0] * 100 + sys.version_info[1])'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new SqlEngineError(
      `the spark engine installs pyspark into a Python venv and needs Python 3.10+ with the venv module: ${python} failed (${probe.error?.message ?? probe.stderr.trim()})`,
    );
  }
  if (Number(probe.stdout.trim()) < 310)
    throw new SqlEngineError(`pyspark ${version} needs Python 3.10 or newer; ${python} is ${probe.stdout.trim()}`);
  const started = Date.now();
  log.info(`installing pyspark==${version} into ${venv} (first use only; about 450 MB)`);
  if (!fs.existsSync(path.join(venv, 'bin', 'python'))) await run(python, ['-m', 'venv', venv], log);
  await run(
    path.join(venv, 'bin', 'python'),
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', `pyspark==${version}`],
    log,
  );
  const located = spawnSync(path.join(venv, 'bin', 'python'), ['-c', 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'], {
    encoding: 'utf8',
  });
  if (located.status !== 0) throw new SqlEngineError(`pyspark installed but cannot be imported: ${located.stderr.trim()}`);
  const install: SparkInstall = { version, sparkHome: located.stdout.trim() };
  fs.writeFileSync(path.join(venv, MARKER), JSON.stringify(install, null, 1) + '\n');
  log.info(`pyspark ${version} ready in ${Math.round((Date.now() - started) / 1000)} s (SPARK_HOME ${install.sparkHome})`);
  return install;
}

function run(command: string, args: string[], log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onLine = (line: string): void => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      if (/^(Collecting|Downloading|Building|Installing|Successfully)/.test(line.trim())) log.info(`pip: ${line.trim()}`);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', (error) => reject(new SqlEngineError(`could not run ${command}: ${error.message}`, { cause: error })));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new SqlEngineError(`${command} ${args.join(' ')} failed with exit code ${code}:\n${tail.join('\n')}`));
    });
  });
}
