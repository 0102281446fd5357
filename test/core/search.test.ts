import { describe, expect, it } from 'vitest';
import { matchesAt } from '../../pipeline/core/regex.ts';
import { partitionPoint } from '../../pipeline/core/search.ts';

describe('partitionPoint', () => {
  it('gives the first index where the predicate fails, as a scan does', () => {
    const sorted = [1, 3, 3, 3, 7, 9, 12];
    for (let pos = 0; pos <= 13; pos++) {
      const scan = sorted.findIndex((v) => !(v <= pos));
      expect(partitionPoint(sorted, (v) => v <= pos)).toBe(scan < 0 ? sorted.length : scan);
    }
    expect(partitionPoint([], () => true)).toBe(0);
  });
});

describe('matchesAt', () => {
  it('finds what a global scan finds when every possible start is given, skipping repeats, empty matches and starts inside a match', () => {
    const text = 'on May 5 and may 12, then Mayday; May';
    const global = /\bmay(?: \d+)?/gi;
    const sticky = /\bmay(?: \d+)?/iy;
    const starts = [...text.matchAll(/m/gi)].flatMap((m) => [m.index, m.index]);
    starts.push(text.indexOf('5')); // inside the first match
    starts.sort((a, b) => a - b);
    expect(matchesAt(sticky, text, starts).map((m) => [m.index, m[0]])).toEqual([...text.matchAll(global)].map((m) => [m.index, m[0]]));
    expect(matchesAt(/x?/y, 'abc', [0, 1, 2])).toEqual([]);
  });
});
