import { SingleBar, Presets } from 'cli-progress';
import type { Logger } from './logger.js';

/**
 * Progress of long work (model downloads, imports, re-indexing): a live bar when a person
 * watches a terminal, otherwise structured log lines at most every few seconds, so a
 * container log or CI output shows the work moving without drowning in it.
 */
export interface Progress {
  /** `done` units of `total` so far; a new total (known only once work starts) may come with it. */
  update(done: number, total?: number): void;
  finish(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. "downloading onnx/model_quantized.onnx". No story text. */
  readonly label: string;
  readonly total: number;
  /** Formats a count for people: bytes as MB, items as they are. */
  readonly unit?: 'items' | 'bytes';
  readonly log: Logger;
  readonly stream?: NodeJS.WriteStream;
  /** Least time between two log lines when not on a terminal. */
  readonly logEveryMs?: number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? terminalProgress(options, stream) : loggedProgress(options);
}

function terminalProgress(options: ProgressOptions, stream: NodeJS.WriteStream): Progress {
  const format = (n: number) => formatCount(n, options.unit);
  const bar = new SingleBar(
    {
      stream,
      format: `${options.label} [{bar}] {percentage}% | {doneText}/{totalText} | {rate}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const startedAt = Date.now();
  let total = options.total;
  const payload = (done: number) => ({
    doneText: format(done),
    totalText: format(total),
    rate: `${format(done / Math.max((Date.now() - startedAt) / 1000, 0.001))}/s`,
  });
  bar.start(total, 0, payload(0));
  return {
    update(done, newTotal) {
      if (newTotal !== undefined && newTotal !== total) {
        total = newTotal;
        bar.setTotal(total);
      }
      bar.update(done, payload(done));
    },
    finish() {
      bar.stop();
    },
  };
}

function loggedProgress(options: ProgressOptions): Progress {
  const every = options.logEveryMs ?? 5_000;
  const startedAt = Date.now();
  let total = options.total;
  let lastLoggedAt = 0;
  let done = 0;
  const line = (message: string) =>
    options.log.info({ task: options.label, done, total, percent: percent(done, total), ms: Date.now() - startedAt }, message);
  line('started');
  return {
    update(newDone, newTotal) {
      done = newDone;
      if (newTotal !== undefined) total = newTotal;
      const now = Date.now();
      if (now - lastLoggedAt >= every) {
        lastLoggedAt = now;
        line('progress');
      }
    },
    finish() {
      line('finished');
    },
  };
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 1000) / 10 : 0;
}

function formatCount(n: number, unit: ProgressOptions['unit']): string {
  if (unit === 'bytes') return `${(n / 1_048_576).toFixed(1)} MB`;
  return String(Math.round(n));
}
