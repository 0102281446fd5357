import { describe, expect, it } from 'vitest';
import { loadData } from '../../pipeline/core/data.ts';
import { compileGroup, DATA_FILE, NormaliseDataSchema, type RuleGroup } from '../../pipeline/normalise/lib/data.ts';

// Every rule group of the normalise data file carries worked examples and counter-examples; they run here.
const data = loadData(DATA_FILE, NormaliseDataSchema);
const groups: [string, RuleGroup][] = (['widget', 'cut', 'rail', 'endnotes', 'box', 'authorLabel', 'byline', 'dateline', 'bio', 'writingTime', 'upcoming'] as const).flatMap((k) =>
  data[k].map((g) => [`${k}/${g.id}`, g] as [string, RuleGroup]),
);

describe('normalise data: examples and counter-examples', () => {
  it('has rule groups for every section', () => {
    expect(groups.length).toBeGreaterThan(15);
  });
  for (const [name, g] of groups) {
    const m = compileGroup(g);
    it.each(g.examples)(`${name} matches %j`, (ex) => {
      expect(m.test(ex)).toBe(true);
    });
    if (g.counterExamples.length) {
      it.each(g.counterExamples)(`${name} does not match %j`, (ex) => {
        expect(m.test(ex)).toBe(false);
      });
    }
  }
});

describe('normalise data schema', () => {
  it('refuses a group with a broken regex', () => {
    const bad = { ...data, widget: [{ id: 'x', patterns: ['(unclosed'], examples: ['a'] }] };
    expect(NormaliseDataSchema.safeParse(bad).success).toBe(false);
  });
  it('refuses a group without examples', () => {
    const bad = { ...data, cut: [{ id: 'x', phrases: ['more'], examples: [] }] };
    expect(NormaliseDataSchema.safeParse(bad).success).toBe(false);
  });
});
