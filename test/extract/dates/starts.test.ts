/**
 * Pass 1 runs each rule's pattern only where its leads (read from the compiled
 * pattern) say a match may start. That is only correct if no position where a
 * pattern matches is ever left out: checked here position by position on the
 * rules' own examples and on texts with awkward characters (no-break and other
 * spaces, curly quotes, case folding onto ASCII, astral characters), and end to
 * end against a full scan of every pattern.
 */
import { describe, expect, it } from 'vitest';
import { dateData, findCandidates } from '../../../pipeline/extract/dates/index.ts';
import { leadTable, startsByRule } from '../../../pipeline/extract/dates/lib/starts.ts';
import { nlpOf } from '../../../pipeline/adapters/wink.ts';

const data = dateData();

const exampleTexts = data.rules.flatMap((r) => [
  ...r.examples.map((e) => e.text),
  ...r.counterExamples.map((c) => (typeof c === 'string' ? c : c.text)),
]);

const awkward = [
  'On\u00a0March\u00a05,\u00a02019 the talks\u2003resumed; by\tJune 2020\nthey ended.',
  'It fell ſeptember 3, 2019 and rose ſix months later; a \u212Aelvin-sign week ago.',
  'THE FIRST QUARTER OF 2019, the past 3\u00a0years, about two-and-a-half years ago.',
  '\u{1F600}2019 and \u{1D7D0}\u{1D7CE}\u{1D7CF}\u{1D7D7} and 2019\u{1F600} and \u{1F600} Monday \u{10400}May 2019.',
  '“Today,” she said on Monday. ‘90s and ’90s and the 1990’s; 3 p.m. EST Friday; mid-2015.',
  'in 2014–2016, from March–May 2020, 1994-95, 8–10 March 2021, Q3 2019, FY2019, 2019-08-09.',
  'a year and a half, half an hour, every other week, twice a year, 10 days from now, 5 years earlier.',
  '\ud800 lone high, lone low \udc00 Monday, \udc00\ud800 2019',
];

const texts = [...exampleTexts, ...awkward, exampleTexts.join(' '), exampleTexts.join('\n\n'), awkward.join('\u00a0')];

describe('where pass 1 tries each pattern', () => {
  it('finds leads for every rule (a rule without them scans the whole text: slow, not wrong)', () => {
    const unindexed = [...data.leads.unindexed].map((i) => data.rules[i]!.id);
    expect(unindexed).toEqual([]);
  });

  it('leaves out no position where a pattern matches', () => {
    for (const text of texts) {
      const starts = startsByRule(data.leads, text);
      data.rules.forEach((rule, r) => {
        if (data.leads.unindexed.has(r)) return;
        const tried = new Set(starts[r]);
        for (let at = 0; at < text.length; at++) {
          rule.sticky.lastIndex = at;
          const m = rule.sticky.exec(text);
          if (m && m[0].length > 0 && !tried.has(at)) {
            expect.fail(`${rule.id} matches "${m[0]}" at ${at} of ${JSON.stringify(text)} but was not tried there`);
          }
        }
      });
    }
  });

  it('gives the same candidates as scanning the whole text with every pattern', () => {
    const fullScan = { ...data, leads: { ...data.leads, unindexed: new Set(data.rules.map((_r, i) => i)) } };
    for (const text of texts) {
      const doc = { text };
      const nlp = () => nlpOf(doc);
      const strip = (cs: ReturnType<typeof findCandidates>) => cs.map((c) => ({ ...c, rule: c.rule.id }));
      expect(strip(findCandidates(text, data, nlp))).toEqual(strip(findCandidates(text, fullScan, nlp)));
    }
  });

  it('runs a pattern it cannot read over the whole text', () => {
    const table = leadTable([{ source: '(?<![\\p{L}\\p{N}])(?:\\k<x>|(?<x>a))', flags: 'giu' }, { source: '(?<![\\p{L}\\p{N}])(?:.)', flags: 'giu' }]);
    expect([...table.unindexed]).toEqual([0, 1]);
  });
});
