/** wordCount counts in one pass what splitting on whitespace and keeping tokens with a letter or digit counts. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wordCount } from '../../pipeline/normalise/lib/structure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bySplitting = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('wordCount', () => {
  it('agrees with split-and-filter on tricky strings and on every line of the seeds and fixtures', () => {
    const tricky = ['', ' ', 'a', ' a  b ', 'a\u00a0b', '— – -', '😀 x', '𝔘𝔫 word', '\ud835', 'x\u2028y', '1,000 people', '\u3000全角\u3000', ' \t\n\v\f\r', 'a\u200bb', '\ufeffa', 'é è', '\u0301', 'x\u001cy', '٣ ٤'];
    const dirs = [path.join(ROOT, 'corpus'), path.join(ROOT, 'test', 'fixtures', 'normalise'), path.join(ROOT, 'test', 'fixtures', 'unseen')];
    const lines = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(txt|md)$/.test(f)).flatMap((f) => readFileSync(path.join(d, f), 'utf8').split('\n')));
    expect(lines.length).toBeGreaterThan(100);
    for (const s of [...tricky, ...lines]) expect(wordCount(s), JSON.stringify(s)).toBe(bySplitting(s));
  });
});
