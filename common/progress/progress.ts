// Progress of a long command (batch run, reference load, simulate, benches):
// a cli-progress bar on stderr when it is a terminal (phase, done/total, rate,
// time left), otherwise a plain log line every few seconds, so CI logs and
// supervised children stay readable. stdout is left to the command's output.

import { Presets, SingleBar } from 'cli-progress';
import type { Logger } from '../log';
import { formatDuration, progressFigures, progressLine, type ProgressState } from './progress-line';

export interface ProgressOptions {
  readonly phase: string;
  readonly unit: string;
  readonly total?: number;
  /** Where the plain lines go when stderr is not a terminal. */
  readonly log: Logger;
  /** Least time between two plain lines (default 5 s). */
  readonly lineEveryMs?: number;
  /** Default: a bar when stderr is a TTY. */
  readonly tty?: boolean;
  readonly now?: () => number;
}

export interface Progress {
  /** A new phase: counting starts again from 0. */
  phase(name: string, total?: number, unit?: string): void;
  update(done: number): void;
  /** The phase finished (with this final count): one last line. */
  done(count?: number): void;
  /** Removes the bar; safe to call twice. */
  stop(): void;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const tty = options.tty ?? process.stderr.isTTY === true;
  const every = options.lineEveryMs ?? 5000;
  let state: ProgressState = {
    phase: options.phase,
    unit: options.unit,
    done: 0,
    startedAt: now(),
    ...(options.total !== undefined ? { total: options.total } : {}),
  };
  let lastLine = Number.NEGATIVE_INFINITY;
  let bar: SingleBar | undefined;

  const payload = () => {
    const { rate, etaS } = progressFigures(state, now());
    return {
      phase: state.phase,
      unit: state.unit,
      rate: Math.round(rate).toLocaleString('en-US'),
      left: etaS !== undefined ? formatDuration(etaS) : '?',
    };
  };

  function startBar(): void {
    if (!tty) return;
    bar?.stop();
    const withTotal = state.total !== undefined;
    bar = new SingleBar(
      {
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        format: withTotal
          ? '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {rate} {unit}/s | {left} left'
          : '{phase} | {value} {unit} | {rate} {unit}/s',
      },
      Presets.shades_classic,
    );
    bar.start(state.total ?? 0, state.done, payload());
  }

  startBar();
  return {
    phase(name, total, unit) {
      state = { phase: name, unit: unit ?? state.unit, done: 0, startedAt: now(), ...(total !== undefined ? { total } : {}) };
      lastLine = Number.NEGATIVE_INFINITY;
      startBar();
    },
    update(done) {
      state = { ...state, done };
      if (bar) {
        bar.update(done, payload());
        return;
      }
      const t = now();
      if (t - lastLine >= every) {
        lastLine = t;
        options.log.info(progressLine(state, t));
      }
    },
    done(count) {
      if (count !== undefined) state = { ...state, done: count };
      if (bar) {
        bar.update(state.done, payload());
        bar.stop();
        bar = undefined;
      } else options.log.info(`${progressLine(state, now())}, done`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
