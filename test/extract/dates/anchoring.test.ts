/**
 * Anchoring rules the first TimeBank-tuned version got wrong on real articles:
 * publication dates known only to the month ("2022-03"), the future in the past
 * ("would", "was to"), the verb of the date's own clause (not of a relative clause
 * after it), day-level dates against a month-precision publication date, and
 * title-case names that contain a temporal word. Invented sentences; each row
 * names its publication date.
 */
import { describe, expect, it } from 'vitest';
import { COARSE_CONFIDENCE, extractDates } from '../../../pipeline/extract/dates/index.ts';
import type { DateMention } from '../../../pipeline/core/schema.ts';

interface Row {
  why: string;
  text: string;
  published: string | null;
  span: string;
  value: string;
  mod?: string;
  anchor?: DateMention['anchor'] | null;
  confidence?: number | null;
}

function check(row: Row): void {
  const found = extractDates({ id: 'an', text: row.text }, row.published);
  const m = found.find((f) => f.text === row.span);
  expect(m, `found: ${JSON.stringify(found.map((f) => [f.text, f.value]))}`).toBeDefined();
  expect(m!.value).toBe(row.value);
  if (row.mod) expect(m!.mod).toBe(row.mod);
  if (row.anchor !== undefined) expect(m!.anchor).toBe(row.anchor ?? undefined);
  if (row.confidence !== undefined) expect(m!.confidence).toBe(row.confidence ?? undefined);
  expect(row.text.slice(m!.start, m!.end)).toBe(m!.text);
}

const sameMonth: Row[] = [
  {
    why: 'future in the past in a noun phrase, month-precision publication',
    text: 'The March 9 decision that the court would hear the appeal shows how far the case has come.',
    published: '2022-03',
    span: 'March 9',
    value: '2022-03-09',
    anchor: 'publication',
  },
  {
    why: 'a plain future in the publication month stays in the publication year',
    text: 'The regulator will publish its ruling on March 28.',
    published: '2022-03',
    span: 'March 28',
    value: '2022-03-28',
  },
  {
    why: 'past in the publication month',
    text: 'The regulator published its ruling on March 28.',
    published: '2022-03',
    span: 'March 28',
    value: '2022-03-28',
  },
  {
    why: 'unless the text says otherwise',
    text: 'The court will rule on March 28 next year.',
    published: '2022-03',
    span: 'March 28 next year',
    value: '2023-03-28',
  },
  {
    why: 'an earlier month with a future verb still moves forward a year',
    text: 'The regulator will publish its ruling on Feb. 10.',
    published: '2022-03',
    span: 'Feb. 10',
    value: '2023-02-10',
  },
  {
    why: 'a later month in the past still moves back a year',
    text: 'The regulator published its ruling on Nov. 10.',
    published: '2022-03',
    span: 'Nov. 10',
    value: '2021-11-10',
  },
];

const futureInPast: Row[] = [
  {
    why: '"would" is future only from a past moment: the nearest date, not next year',
    text: 'Officials said the talks would start on Oct. 14.',
    published: '2021-10-20',
    span: 'Oct. 14',
    value: '2021-10-14',
  },
  {
    why: '"was scheduled to" likewise',
    text: 'The minister was scheduled to arrive on Oct. 12 but stayed home.',
    published: '2021-10-20',
    span: 'Oct. 12',
    value: '2021-10-12',
  },
  {
    why: 'a plain "will" is still the future',
    text: 'The minister will arrive on Oct. 12.',
    published: '2021-10-20',
    span: 'Oct. 12',
    value: '2022-10-12',
  },
  {
    why: '"is scheduled to" is still the future',
    text: 'The minister is scheduled to arrive on Oct. 12.',
    published: '2021-10-20',
    span: 'Oct. 12',
    value: '2022-10-12',
  },
];

const ownClause: Row[] = [
  {
    why: 'present/infinitive governs; the past verb after the dash belongs to a relative clause',
    text: 'As inspectors arrive at the plant to take part in safety checks in late April — which were only approved on March 2 — engineers remain cautious.',
    published: '2022-03',
    span: 'late April',
    value: '2022-04',
    mod: 'END',
  },
  {
    why: 'the date inside the relative clause takes that clause\u2019s verb',
    text: 'As inspectors arrive at the plant to take part in safety checks in late April — which were only approved on March 2 — engineers remain cautious.',
    published: '2022-03',
    span: 'March 2',
    value: '2022-03-02',
  },
  {
    why: 'a nearer past verb after ", which" is not the governing verb',
    text: 'Ministers gather for the annual review of fishing quotas in October, which were cut sharply last year.',
    published: '2019-06-12',
    span: 'October',
    value: '2019-10',
  },
  {
    why: 'a date inside a relative clause keeps that clause\u2019s past verb',
    text: 'The plan, which was adopted on May 3, takes effect next year.',
    published: '2019-06-12',
    span: 'May 3',
    value: '2019-05-03',
  },
];

const coarse: Row[] = [
  {
    why: '"today" against a month-precision publication date is that month',
    text: 'Today the council meets again.',
    published: '2022-03',
    span: 'Today',
    value: '2022-03',
    anchor: 'publication',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: '"yesterday" likewise',
    text: 'The ministry confirmed the figures yesterday.',
    published: '2022-03',
    span: 'yesterday',
    value: '2022-03',
    anchor: 'publication',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: 'a weekday reported in the past',
    text: 'Inspectors visited the site on Tuesday.',
    published: '2022-03',
    span: 'Tuesday',
    value: '2022-03',
    anchor: 'publication',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: 'a possessive weekday in a past-tense sentence',
    text: "Tuesday's ruling surprised lawyers.",
    published: '2022-03',
    span: 'Tuesday',
    value: '2022-03',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: '"last Thursday" is always in the past',
    text: 'The envoy left last Thursday.',
    published: '2022-03',
    span: 'last Thursday',
    value: '2022-03',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: 'a weekday naming a reported event in present-tense analysis is past',
    text: 'The senator\u2019s pledge Friday that the party would stay united shows how nervous it has become.',
    published: '2022-03',
    span: 'Friday',
    value: '2022-03',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: 'the same with a publication day: the last such weekday',
    text: "Thursday's closing price is the benchmark for the offer.",
    published: '2019-06-12',
    span: 'Thursday',
    value: '2019-06-06',
    confidence: null,
  },
  {
    why: 'a possessive weekday with a future verb is still the future',
    text: "Monday's meeting will decide the budget.",
    published: '2019-06-12',
    span: 'Monday',
    value: '2019-06-17',
  },
  {
    why: 'a weekday in the future may fall in the next month: left open',
    text: 'The court will rule on Tuesday.',
    published: '2022-03',
    span: 'Tuesday',
    value: 'XXXX-WXX-2',
    anchor: null,
    confidence: null,
  },
  {
    why: 'a year-precision publication date gives the year',
    text: 'Today the council meets again.',
    published: '2022',
    span: 'Today',
    value: '2022',
    confidence: COARSE_CONFIDENCE,
  },
  {
    why: 'a publication day gives the day, at full confidence',
    text: 'Inspectors visited the site on Tuesday.',
    published: '2022-03-17',
    span: 'Tuesday',
    value: '2022-03-15',
    anchor: 'publication',
    confidence: null,
  },
  {
    why: 'a weekday in another year\u2019s narrative is not put in the publication month',
    text: 'In May 2014 the rebels took the airport. On Friday they withdrew.',
    published: '2022-03',
    span: 'Friday',
    value: 'XXXX-WXX-5',
    anchor: null,
  },
  {
    why: 'no publication date: still unanchored',
    text: 'Today the council meets again.',
    published: null,
    span: 'Today',
    value: 'XXXX-XX-XX',
    anchor: null,
    confidence: null,
  },
];

const reference: Row[] = [
  {
    why: 'a participle phrase ("backed by …") is not the governing verb; "will meet" is',
    text: 'The mayor will meet Ivan Petrov, a former judge backed by the Greens, in a debate on November 3.',
    published: '2024-10-24',
    span: 'November 3',
    value: '2024-11-03',
  },
  {
    why: 'the verb of the date\u2019s own comma segment governs it',
    text: 'The bill, approved by parliament on March 3, takes effect next year.',
    published: '2019-02-10',
    span: 'March 3',
    value: '2018-03-03',
  },
  {
    why: 'a deadline with a future verb is in the future',
    text: 'The airline will double its flights to Delhi by August.',
    published: '2019-10-02',
    span: 'August',
    value: '2020-08',
  },
  {
    why: '"the same day" takes the last date given to the day, not a "last year" in between',
    text: 'Voting ended on Sunday. Turnout fell short of last year. On the same day the count began.',
    published: '2024-10-24',
    span: 'the same day',
    value: '2024-10-20',
    anchor: 'narrative',
  },
  {
    why: 'a "since …" starting point is not the time the narrative has reached',
    text: 'On Wednesday the delegates met. Since January 1 exporters have paid duties. The next day, the ministry replied.',
    published: '2024-03-03',
    span: 'The next day',
    value: '2024-02-29',
  },
  {
    why: 'a month after a sentence opened by a date continues its narrative',
    text: 'In March 2011 the strike began, and on May 2, 2011, the mine closed. Then, in September, it was sold.',
    published: '2024-03-03',
    span: 'September',
    value: '2011-09',
    anchor: 'narrative',
  },
  {
    why: 'a past-tense narrative carries over a sentence without dates',
    text: 'In March 2011 the strike began. The owners refused to talk. By September, however, the mine had closed.',
    published: '2024-03-03',
    span: 'September',
    value: '2011-09',
    anchor: 'narrative',
  },
  {
    why: 'but not across a paragraph break',
    text: 'In March 2011 the strike began. The owners refused to talk.\n\nBy September the mine had closed.',
    published: '2024-03-03',
    span: 'September',
    value: '2023-09',
    anchor: 'publication',
  },
  {
    why: 'nor past a relative date in between',
    text: 'In March 2011 the strike began. Last year the owners sold it. In September the mine closed.',
    published: '2024-03-03',
    span: 'September',
    value: '2023-09',
    anchor: 'publication',
  },
  {
    why: 'nor into a future-tense sentence',
    text: 'In March 2011 the strike began. The owners refuse to talk. In September the mine will close.',
    published: '2024-03-03',
    span: 'September',
    value: '2024-09',
    anchor: 'publication',
  },
];

const speech: Row[] = [
  {
    why: '"today" in a quotation is the day it was said',
    text: '\u201cToday we start again,\u201d the mayor told reporters on Monday.',
    published: '2024-11-07',
    span: 'Today',
    value: '2024-11-04',
    anchor: 'narrative',
  },
  {
    why: 'so is "yesterday", with straight quotes',
    text: '"We met yesterday," he said on Friday.',
    published: '2024-11-13',
    span: 'yesterday',
    value: '2024-11-07',
  },
  {
    why: 'a "today" outside the quotation stays the publication day',
    text: 'Today the mayor told reporters on Monday that "we start again".',
    published: '2024-11-07',
    span: 'Today',
    value: '2024-11-07',
    anchor: 'publication',
  },
  {
    why: 'a quotation with no date for its speech keeps the publication day',
    text: '\u201cToday we start again,\u201d the mayor said.',
    published: '2024-11-07',
    span: 'Today',
    value: '2024-11-07',
  },
];

describe('anchoring: deictic days in direct speech', () => {
  for (const row of speech) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

describe('anchoring: the reference of partial and anaphoric dates', () => {
  for (const row of reference) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

describe('anchoring: a date in the month of a month-precision publication date', () => {
  for (const row of sameMonth) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

describe('anchoring: the future in the past', () => {
  for (const row of futureInPast) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

describe('anchoring: the tense of the date\u2019s own clause', () => {
  for (const row of ownClause) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

describe('anchoring: day-level dates against a publication date without a day', () => {
  for (const row of coarse) it(`${row.why}: "${row.span}" → ${row.value}`, () => check(row));
});

const names: { text: string; not: string }[] = [
  { text: 'Thousands marched for “Forward to the Future of a Free Moldova,” the bloc\u2019s slogan.', not: 'the Future' },
  { text: 'She founded the Institute for the Future of Work in 2015.', not: 'the Future' },
  { text: 'The museum’s “Echoes of the Past” series closed.', not: 'the Past' },
];

describe('anchoring: temporal words inside title-case names are not dates', () => {
  for (const { text, not } of names) {
    it(`"${not}" in "${text}"`, () => {
      const at = text.indexOf(not);
      const found = extractDates({ id: 'nm', text }, '2022-03').filter((f) => f.start < at + not.length && at < f.end);
      expect(found.map((f) => f.text)).toEqual([]);
    });
  }
  it('keeps a lower-case "the future" in the same kind of sentence', () => {
    const found = extractDates({ id: 'nm', text: 'Thousands marched, worried about the future of a free Moldova.' }, '2022-03');
    expect(found.map((f) => [f.text, f.value])).toEqual([['the future', 'FUTURE_REF']]);
  });
});
