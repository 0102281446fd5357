/**
 * Progress of a batch: a cli-progress bar with counts, rate and ETA on a
 * terminal; plain lines every few seconds otherwise (CI, log files).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(status: 'written' | 'skipped'): void;
  /** Print a line without breaking the bar (above it, on a terminal). */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  /** Defaults to whether stderr is a terminal. */
  tty?: boolean;
  /** Where plain lines go (default stderr). */
  log?: (line: string) => void;
  /** Seconds between plain lines (default 5). */
  everySeconds?: number;
}

export function createProgress(opts: ProgressOptions): Progress {
  const tty = opts.tty ?? Boolean(process.stderr.isTTY);
  const started = Date.now();
  let done = 0;
  let skipped = 0;
  if (tty) {
    // A MultiBar with one bar: its log() prints messages above the bar instead of through it.
    const multi = new cliProgress.MultiBar(
      {
        format: 'extract {bar} {value}/{total} docs | {rate} docs/s | skipped {skipped} | eta {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(opts.total, 0, { rate: '0.0', skipped: 0 });
    return {
      log(line) {
        multi.log(`${line}\n`);
      },
      tick(status) {
        done++;
        if (status === 'skipped') skipped++;
        const rate = done / Math.max((Date.now() - started) / 1000, 1e-3);
        bar.update(done, { rate: rate.toFixed(1), skipped });
      },
      stop() {
        multi.stop();
      },
    };
  }
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const every = (opts.everySeconds ?? 5) * 1000;
  let last = started;
  const line = (): string => {
    const secs = (Date.now() - started) / 1000;
    return `extract ${done}/${opts.total} docs, skipped ${skipped}, ${(done / Math.max(secs, 1e-3)).toFixed(1)} docs/s, ${secs.toFixed(0)} s`;
  };
  return {
    log,
    tick(status) {
      done++;
      if (status === 'skipped') skipped++;
      const now = Date.now();
      if (now - last >= every) {
        last = now;
        log(line());
      }
    },
    stop() {
      if (opts.total > 0) log(line());
    },
  };
}
