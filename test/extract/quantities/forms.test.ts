// Forms added after the unseen-article probe (docs/notes/unseen-probe.md, Q1; docs/review): local
// currencies by name, "pounds" by context, fractions in words, ratios, document numbers, and the
// measure written before the figure. Phrases are invented for these tests.
import { describe, expect, it } from 'vitest';
import { expectQuantity, run, type Want } from './expect.ts';
import { resolveCurrency, tables } from '../../../pipeline/extract/quantities/lib/data.ts';
import type { QuantityMention } from '../../../pipeline/core/schema.ts';


function expectNone(text: string, banned: string[]): void {
  const found = run(text);
  for (const b of banned) {
    const at = text.indexOf(b);
    expect(at, `"${b}" is not in the text`).toBeGreaterThanOrEqual(0);
    for (const q of found) expect(q.start <= at && at < q.end, `"${q.text}" covers "${b}"`).toBe(false);
  }
}

describe('local currencies by name are money, not counts', () => {
  it.each<[string, Want]>([
    ['Chisinau set aside 75 million lei for heating subsidies.', { text: '75 million lei', value: 75e6, unit: 'MDL' }],
    ['Bucharest approved 2 billion lei for Romanian farmers.', { text: '2 billion lei', value: 2e9, unit: 'RON' }],
    ['The grant was 90 million Moldovan lei.', { text: '90 million Moldovan lei', value: 90e6, unit: 'MDL' }],
    ['Astana spent 5 billion tenge on roads.', { text: '5 billion tenge', value: 5e9, unit: 'KZT' }],
    ['Kyiv paid 900 million hryvnias in pensions.', { text: '900 million hryvnias in pensions', value: 900e6, unit: 'UAH', measure: 'pensions' }],
    ['Warsaw fined the broadcaster 1.4 million zloty.', { text: '1.4 million zloty', value: 1.4e6, unit: 'PLN' }],
    ['The fine was 30,000 forints.', { text: '30,000 forints', value: 30000, unit: 'HUF' }],
    ['The Serbian government raised 12 billion dinars.', { text: '12 billion dinars', value: 12e9, unit: 'RSD' }],
    ['Tbilisi allocated 60 million lari to the port.', { text: '60 million lari', value: 60e6, unit: 'GEL' }],
    ['Yerevan budgeted 300 billion drams for defence.', { text: '300 billion drams', value: 300e9, unit: 'AMD' }],
    ['Baku earmarked 2 billion manats for reconstruction in Azerbaijan.', { text: '2 billion manats', value: 2e9, unit: 'AZN' }],
    ['Bishkek borrowed 5 billion som for the Kyrgyz railway.', { text: '5 billion som', value: 5e9, unit: 'KGS' }],
    // no country named: the pseudo code stays, not a guess
    ['Prices are in lei: 40 lei a kilo.', { text: '40 lei', value: 40, unit: 'LEU' }],
    ['The bill came to 700 dinars.', { text: '700 dinars', value: 700, unit: 'DINAR' }],
  ])('%s', (text, want) => expectQuantity(text, want));

  it('keeps the pseudo code when two candidate countries are named equally often', () => {
    const t = tables();
    expect(resolveCurrency('LEU', 'Moldova and Romania agreed on a fund of 5 million lei.', t)).toBe('LEU');
    expect(resolveCurrency('LEU', 'Moldova and Romania agreed; Moldovan officials paid 5 million lei.', t)).toBe('MDL');
    expect(resolveCurrency('USD', 'Moldova', t)).toBe('USD');
  });
});

describe('"pounds" is money in a money context, else a weight', () => {
  it.each<[string, Want]>([
    ['The club paid 40 million pounds for the striker.', { text: '40 million pounds', value: 40e6, unit: 'GBP' }],
    ['The ticket cost 20 pounds.', { text: '20 pounds', value: 20, unit: 'GBP' }],
    ['Income rose to 2 million pounds sterling.', { text: '2 million pounds sterling', value: 2e6, unit: 'GBP' }],
    ['The parcel weighed 12 pounds.', { text: '12 pounds', value: 12, unit: 'lb' }],
    ['They seized 300 pounds of cocaine.', { text: '300 pounds of cocaine', value: 300, unit: 'lb', measure: 'cocaine' }],
    ['Smugglers moved 2 million pounds of scrap metal.', { text: '2 million pounds of scrap metal', value: 2e6, unit: 'lb', measure: 'scrap metal' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('fractions in words', () => {
  it.each<[string, Want]>([
    ['An eighth of the forest burned.', { text: 'An eighth of the forest', value: 0.125, unit: 'fraction', measure: 'forest' }],
    ['Roughly a sixth of households lack heating.', { text: 'Roughly a sixth of households', value: 0.1667, unit: 'fraction', qualifier: 'approx', measure: 'households' }],
    ['Reform needs a two-thirds majority in parliament.', { text: 'two-thirds majority', value: 0.6667, unit: 'fraction', measure: 'majority' }],
    ['About one-fifth of the budget goes to pensions.', { text: 'About one-fifth of the budget', value: 0.2, unit: 'fraction', qualifier: 'approx', measure: 'budget' }],
    ['Turnout cleared the one-quarter bar.', { text: 'one-quarter bar', value: 0.25, unit: 'fraction', measure: 'bar' }],
    ['A third of the wells ran dry.', { text: 'A third of the wells', value: 0.3333, unit: 'fraction', measure: 'wells' }],
    ['Three quarters of the staff left.', { text: 'Three quarters of the staff', value: 0.75, unit: 'fraction', measure: 'staff' }],
  ])('%s', (text, want) => expectQuantity(text, want));

  it.each<[string, string[]]>([
    ['Profits rose in the third quarter.', ['third', 'quarter']],
    ['Growth slowed over three quarters.', ['three', 'quarters']],
    ['The eighth round of talks began.', ['eighth']],
  ])('not a fraction: %s', (text, banned) => expectNone(text, banned));
});

describe('ratios', () => {
  it.each<[string, Want]>([
    ['Members backed the plan by a margin of three to one.', { text: 'three to one', value: 3, unit: 'ratio' }],
    ['Opponents outnumbered supporters nearly two to one.', { text: 'nearly two to one', value: 2, unit: 'ratio', qualifier: 'nearly' }],
    ['The motion passed by a 5-2 margin.', { text: '5-2', value: 2.5, unit: 'ratio' }],
    ['Women outnumber men by a ratio of 3:2.', { text: '3:2', value: 1.5, unit: 'ratio' }],
    ['Voters chose the incumbent by more than three-to-one.', { text: 'more than three-to-one', value: 3, unit: 'ratio', qualifier: 'more_than' }],
  ])('%s', (text, want) => expectQuantity(text, want));

  it.each<[string, string[]]>([
    ['The home side won 4-2 on Saturday.', ['4-2']],
    ['Staff work nine to five.', ['nine to five']],
  ])('no ratio: %s', (text, banned) => {
    for (const q of run(text)) expect(q.unit).not.toBe('ratio');
    const at = text.indexOf(banned[0]!);
    for (const q of run(text)) expect(q.start <= at && q.end >= at + banned[0]!.length, `"${q.text}"`).toBe(false);
  });

  it('does not count the first side of a ratio', () => {
    const qs = run('The plan was approved by a margin of four to one.');
    expect(qs.map((q) => [q.text, q.unit])).toEqual([['four to one', 'ratio']]);
  });
});

describe('document numbers are not quantities', () => {
  it.each<[string, string[]]>([
    ['Order nr. 318 of the ministry applies.', ['318']],
    ['See Decree #77 and Regulation No. 12.', ['77', '12']],
    ['Under Law 45/2021 and § 14 the fee applies.', ['45/2021', '14']],
    ['Section 702 was renewed; Art. 9 was not.', ['702', '9']],
  ])('%s', (text, banned) => expectNone(text, banned));
});

describe('the measure written before the figure', () => {
  it.each<[string, Want]>([
    ['Industrial output fell by 7 percent.', { text: '7 percent', value: 7, unit: 'percent', measure: 'Industrial output' }],
    ['Voter turnout was 38 percent.', { text: '38 percent', value: 38, unit: 'percent', measure: 'Voter turnout' }],
    ['Unemployment is expected to rise to 9 percent.', { text: '9 percent', value: 9, unit: 'percent', measure: 'Unemployment' }],
    ["Serbia's GDP is projected to grow by 2-3 percent.", { text: '2-3 percent', value: 2, upper: 3, unit: 'percent', measure: 'GDP' }],
    ['The ministry cut subsidies by 15 percent.', { text: '15 percent', value: 15, unit: 'percent', measure: 'subsidies' }],
    ['The share of renewables in the grid reached 40 percent.', { text: '40 percent', value: 40, unit: 'percent', measure: 'share of renewables in the grid' }],
    ['It was a year of double-digit inflation, which peaked at 21 percent.', { text: '21 percent', value: 21, unit: 'percent', measure: 'double-digit inflation' }],
    // a name is not a measure; "won" is not a change or level verb
    ['Petrenko was 6 percent ahead.', { text: '6 percent', value: 6, unit: 'percent' }],
    ['Kovacs won 42 percent.', { text: '42 percent', value: 42, unit: 'percent' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('a partitive over a second figure', () => {
  it.each<[string, Want]>([
    ['The bloc holds 48 of 120 seats.', { text: '48', value: 48, unit: 'count', measure: 'seats' }],
    ["Officials freed 14 of the camp's 200 inmates.", { text: '14', value: 14, unit: 'count', measure: 'inmates' }],
    ["Officials freed 14 of the camp's 200 inmates.", { text: '200 inmates', value: 200, unit: 'count', measure: 'inmates' }],
    ["Some 40,000 of the city's nearly 90,000 voters stayed home.", { text: 'Some 40,000', value: 40000, unit: 'count', qualifier: 'approx', measure: 'voters' }],
  ])('%s', (text, want) => expectQuantity(text, want));
});

describe('durations written short', () => {
  it('"7 min read" is not a count', () => expectNone('Mar 3 · 7 min read', ['7']));
});
