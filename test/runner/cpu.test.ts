import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { threadCpuMs } from '../../pipeline/runner/cpu.ts';

describe('threadCpuMs', () => {
  it.runIf(existsSync('/proc/thread-self/schedstat'))('counts this thread\'s CPU: grows with work, not with sleep', async () => {
    const a = threadCpuMs()!;
    let x = 0;
    const t = performance.now();
    while (performance.now() - t < 60) x += Math.sqrt(x + 1);
    const b = threadCpuMs()!;
    await new Promise((r) => setTimeout(r, 120));
    const c = threadCpuMs()!;
    expect(x).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    // Sleeping 120 ms costs (almost) no CPU; the busy loop cost some (other load may slow it, never inflate it past wall).
    expect(c - b).toBeLessThan(60);
    expect(b - a).toBeLessThanOrEqual(performance.now() - t + 1);
  });

  it.runIf(!existsSync('/proc/thread-self/schedstat'))('is undefined where the OS gives no per-thread CPU time', () => {
    expect(threadCpuMs()).toBeUndefined();
  });
});
