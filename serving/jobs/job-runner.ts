// Admin jobs started from the API: a batch run for a day and a reference
// load, each as a child process of the `utopia` CLI, so the serving layer
// never imports the batch layer or the reference loader. One job of a kind at
// a time; the last 50 jobs are kept with their exit code and output tail.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { conflict } from '../errors';

export type JobKind = 'batch-run' | 'reference-load';
export type JobState = 'running' | 'succeeded' | 'failed';

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  readonly args: readonly string[];
  readonly requestedBy: string;
  readonly startedAt: string;
  state: JobState;
  finishedAt: string | null;
  exitCode: number | null;
  output: string;
}

export interface JobRunnerOptions {
  /** The compiled CLI, e.g. <repo>/dist/ops/cli/utopia.js. */
  readonly cliPath: string;
  /** Environment of the children (the same settings the server runs with). */
  readonly env: NodeJS.ProcessEnv;
  readonly keep?: number;
}

const OUTPUT_TAIL = 8_000;

export class JobRunner {
  private readonly jobs: Job[] = [];

  constructor(private readonly options: JobRunnerOptions) {}

  start(kind: JobKind, args: readonly string[], requestedBy: string): Job {
    if (this.jobs.some((job) => job.kind === kind && job.state === 'running')) throw conflict(`a ${kind} job is already running`);
    const job: Job = {
      id: crypto.randomBytes(8).toString('hex'),
      kind,
      args,
      requestedBy,
      startedAt: new Date().toISOString(),
      state: 'running',
      finishedAt: null,
      exitCode: null,
      output: '',
    };
    this.jobs.unshift(job);
    this.jobs.splice(this.options.keep ?? 50);
    // No shell: arguments go to the CLI as they are, never interpreted.
    const child = spawn(process.execPath, [this.options.cliPath, ...args], { env: this.options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => (job.output = (job.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL));
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const finish = (code: number | null, detail?: string) => {
      if (job.state !== 'running') return;
      if (detail) job.output = (job.output + detail).slice(-OUTPUT_TAIL);
      job.exitCode = code;
      job.state = code === 0 ? 'succeeded' : 'failed';
      job.finishedAt = new Date().toISOString();
    };
    child.on('error', (error) => finish(null, `\ncould not start: ${error.message}`));
    child.on('close', (code) => finish(code));
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.find((job) => job.id === id);
  }

  list(): readonly Job[] {
    return this.jobs;
  }
}
