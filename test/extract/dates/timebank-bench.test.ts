/** The TimeBank benchmark's reader and scorer, on a small hand-made .tml (bench/timebank.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTml, score } from '../../../bench/timebank.ts';
import type { DateMention } from '../../../pipeline/core/schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const xml = readFileSync(path.join(here, '..', '..', 'fixtures', 'dates', 'mini.tml'), 'utf8');
const doc = parseTml('MINI001', xml);

function sys(text: string, value: string, timexType: DateMention['timexType'] = 'DATE', from = 0): DateMention {
  const start = doc.text.indexOf(text, from);
  return { id: text, type: 'date', start, end: start + text.length, text, timexType, value };
}

describe('parseTml', () => {
  it('reads the DCT and strips tags and entities, keeping gold offsets', () => {
    expect(doc.dct).toBe('2019-06-12');
    expect(doc.text).toContain('met yesterday in A & B for three hours.');
    expect(doc.gold.map((g) => [doc.text.slice(g.start, g.end), g.type, g.value])).toEqual([
      ['yesterday', 'DATE', '2019-06-11'],
      ['three hours', 'DURATION', 'PT3H'],
      ['Friday', 'DATE', '2019-06-14'],
      ['every week', 'SET', 'P1W'],
    ]);
  });
});

describe('score', () => {
  it('counts strict, relaxed and value matches TempEval-3 style', () => {
    const s = score(
      [
        {
          doc,
          sys: [
            sys('yesterday', '2019-06-11'), // strict, value ok
            sys('for three hours', 'PT3H', 'DURATION'), // relaxed only, value ok
            sys('Friday', '2019-06-07'), // strict, wrong value
            sys('The ministers', 'PAST_REF'), // false positive
          ],
        },
      ],
      null,
    );
    expect(s.strict).toMatchObject({ tpSys: 2, sys: 4, tpGold: 2, gold: 4 });
    expect(s.relaxed).toMatchObject({ tpSys: 3, tpGold: 3 });
    expect(s.value).toMatchObject({ tpSys: 2, tpGold: 2 });
    expect(s.value.f1).toBeCloseTo(0.5);
    const dateOnly = score([{ doc, sys: [sys('yesterday', '2019-06-11')] }], 'DATE');
    expect(dateOnly.relaxed).toMatchObject({ gold: 2, sys: 1, tpGold: 1 });
  });
});
