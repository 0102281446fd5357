/**
 * Group commit: the main thread commits the documents the workers send back a
 * few dozen at a time, not one transaction each (see Store.beginGroup). A group
 * ends after `maxDocs` documents, after `maxMs` since its first document (so a
 * slow stream of documents is not held back), and whenever the runner flushes
 * it: before the corpus steps, before the run is closed, on Ctrl-C. What a hard
 * kill can lose is the open group: its documents' exports are on disk but their
 * cache rows are not, so the next run extracts exactly those again.
 */
import type { Store } from '../store/db.ts';

export const GROUP_DOCS = 32;
export const GROUP_MS = 250;

export class CommitGroup {
  private open = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly maxDocs = GROUP_DOCS,
    private readonly maxMs = GROUP_MS,
    /**
     * Called with the time a COMMIT took when it ran outside `add` (the timer, the runner's
     * flushes), for the run's `commit` figure; one that `add` ran is inside its caller's time.
     */
    private readonly onCommit: (wallMs: number, cpuMs: number | undefined) => void = () => {},
    private readonly cpu: () => number | undefined = () => undefined,
  ) {}

  /** Run one document's writes inside the current group (opening one if needed). */
  add(write: () => void): void {
    if (this.open === 0) {
      this.store.beginGroup();
      if (this.maxMs > 0) {
        this.timer = setTimeout(() => this.flush(), this.maxMs);
        // The runner flushes before it ends: the timer must not keep the process alive.
        this.timer.unref();
      }
    }
    this.open++;
    try {
      write();
    } finally {
      if (this.open >= this.maxDocs) this.end();
    }
  }

  /** Commit the open group, if any. */
  flush(): void {
    if (this.open === 0) return;
    const t0 = performance.now();
    const c0 = this.cpu();
    this.end();
    const c1 = this.cpu();
    this.onCommit(performance.now() - t0, c0 === undefined || c1 === undefined ? undefined : c1 - c0);
  }

  private end(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.open === 0) return;
    this.open = 0;
    this.store.endGroup();
  }
}
