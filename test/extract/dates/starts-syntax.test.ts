/**
 * The lead table reads patterns through core/regex-syntax.ts (regexpp): constructs
 * beyond those of the date rules (named groups, lookbehinds, code point and control
 * escapes, property classes, astral characters, case folding onto ASCII) must still
 * leave out no position where a pattern matches.
 */
import { describe, expect, it } from 'vitest';
import { leadTable, startsByRule } from '../../../pipeline/extract/dates/lib/starts.ts';

const patterns = [
  { source: '(?<![\\p{L}\\p{N}])(?<month>jan|feb)\\.?\\u{2009}?(?<day>\\d{1,2})', flags: 'giu' },
  { source: '(?<![\\p{L}\\p{N}])(?:\\cI|\\u{1F4C5})[\\s\\u00a0]*\\d{4}', flags: 'gu' },
  { source: '(?<![\\p{L}\\p{N}])(?<=^|\\s)\\p{Lu}\\p{Ll}+ \\d', flags: 'gu' },
  { source: '(?<![\\p{L}\\p{N}])[\\x41-\\x43]\\d', flags: 'giu' },
  { source: '(?<![\\p{L}\\p{N}])stra(?:ss|ß)e[\\s\\u00a0]+\\d', flags: 'giu' },
];

const texts = [
  'Jan 5, FEB.\u20093, feb7, \tjan 12 \t2019, \u{1F4C5} 2020, \u{1F4C5}\u00a02021, Über 3, Straße 4, ſtraße 5, STRASSE\u00a06, B7, b8, C9, \u212Aelvin 3',
  '\u{1F600}Feb 3 and \u{1F600}feb3, jAN12, Ärger 9, a7 c8',
];

describe('leads of patterns with named groups, lookbehinds, escapes and property classes', () => {
  const table = leadTable(patterns);

  it('indexes every pattern', () => {
    expect([...table.unindexed]).toEqual([]);
  });

  it('leaves out no position where a pattern matches', () => {
    let matches = 0;
    for (const text of texts) {
      const starts = startsByRule(table, text);
      patterns.forEach((p, r) => {
        const sticky = new RegExp(p.source, p.flags.replace('g', 'y'));
        for (let at = 0; at < text.length; at++) {
          sticky.lastIndex = at;
          const m = sticky.exec(text);
          // Asked in the middle of a surrogate pair, a /u regex matches from the pair's start.
          if (!m || m[0].length === 0 || m.index !== at) continue;
          matches++;
          expect(starts[r], `/${p.source}/ matches "${m[0]}" at ${at}`).toContain(at);
        }
      });
    }
    expect(matches).toBeGreaterThan(15);
  });

  it('tries a pattern only where one of its beginnings stands', () => {
    const starts = startsByRule(table, texts[0]!);
    // "feb" and "jan" stand at four word starts, but only FEB. and feb7 go on as the pattern can.
    expect(starts[0]!.map((at) => texts[0]!.slice(at, at + 4))).toEqual(['FEB.', 'feb7']);
  });
});
