/**
 * The date extractor on tricky phrases of each form the issue lists, read
 * against a fixed publication date (Wednesday 12 June 2019 unless a row says
 * otherwise), plus near misses that must not become dates.
 */
import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../pipeline/extract/dates/index.ts';
import type { DateMention } from '../../../pipeline/core/schema.ts';

const PUB = '2019-06-12';

interface Row {
  text: string;
  span: string;
  type: DateMention['timexType'];
  value: string;
  mod?: string;
  range?: { start: string; end: string };
  anchor?: DateMention['anchor'];
  published?: string | null;
}

const rows: Row[] = [
  // absolute and partial
  { text: 'The accord was initialled on Oct 14, 2015 in Astana.', span: 'Oct 14, 2015', type: 'DATE', value: '2015-10-14', anchor: 'absolute' },
  { text: 'Forces crossed the border on 27 February 2022.', span: '27 February 2022', type: 'DATE', value: '2022-02-27', published: null, anchor: 'absolute' },
  { text: 'It took effect February 1st 2020.', span: 'February 1st 2020', type: 'DATE', value: '2020-02-01', published: null },
  { text: 'The court ruled on July 29th.', span: 'July 29th', type: 'DATE', value: '2018-07-29', anchor: 'publication' },
  { text: 'The court ruled on July 29th.', span: 'July 29th', type: 'DATE', value: 'XXXX-07-29', published: null },
  { text: 'Negotiators met again Jan. 18.', span: 'Jan. 18', type: 'DATE', value: '2019-01-18' },
  { text: 'In September the ministry denied it.', span: 'September', type: 'DATE', value: '2018-09' },
  { text: 'Demonstrations started in August 2020.', span: 'August 2020', type: 'DATE', value: '2020-08', published: null },
  // anchoring and tense
  { text: 'The envoy arrived on Friday.', span: 'Friday', type: 'DATE', value: '2019-06-07' },
  { text: 'The envoy will arrive on Friday.', span: 'Friday', type: 'DATE', value: '2019-06-14' },
  { text: "Monday's announcement rattled the markets.", span: 'Monday', type: 'DATE', value: '2019-06-10' },
  { text: 'Exports fell this month.', span: 'this month', type: 'DATE', value: '2019-06' },
  { text: 'Exports fell last summer.', span: 'last summer', type: 'DATE', value: '2018-SU' },
  { text: 'Exports fell last fall.', span: 'last fall', type: 'DATE', value: '2018-FA' },
  { text: 'He was pardoned two years ago.', span: 'two years ago', type: 'DATE', value: '2017' },
  { text: 'Voters are preparing for the upcoming February referendum.', span: 'February', type: 'DATE', value: '2020-02' },
  { text: 'The parliament will reconvene in early February.', span: 'early February', type: 'DATE', value: '2020-02', mod: 'START' },
  // narrative anchoring: the text has moved to 2014
  { text: 'In March 2014, troops moved in. On March 18 the region was annexed.', span: 'March 18', type: 'DATE', value: '2014-03-18', anchor: 'narrative' },
  { text: 'He was arrested on 4 May 2016 and released the following week.', span: 'the following week', type: 'DATE', value: '2016-W19' },
  // seasons, decades, parts
  { text: 'Sanctions tightened in fall 2015.', span: 'fall 2015', type: 'DATE', value: '2015-FA', published: null },
  { text: 'Privatisation stalled in the late 1990s.', span: 'the late 1990s', type: 'DATE', value: '199', mod: 'END', published: null },
  { text: 'By the mid-1990s the union was agreed.', span: 'the mid-1990s', type: 'DATE', value: '199', mod: 'MID', published: null },
  { text: 'Prices rose in early 2021.', span: 'early 2021', type: 'DATE', value: '2021', mod: 'START', published: null },
  { text: 'Output fell in the first quarter of 2016.', span: 'the first quarter of 2016', type: 'DATE', value: '2016-Q1', published: null },
  // ranges
  { text: 'Joint drills were held April 8–18, 2022 near Brest.', span: 'April 8–18, 2022', type: 'DATE', value: '2022-04-08', range: { start: '2022-04-08', end: '2022-04-18' } },
  { text: 'The loans covered 2016-2019.', span: '2016-2019', type: 'DATE', value: '2016', range: { start: '2016', end: '2019' } },
  { text: 'She was mayor from 2001 to 2009.', span: 'from 2001 to 2009', type: 'DATE', value: '2001', range: { start: '2001', end: '2009' } },
  { text: 'Trade doubled between 1994 and 2020.', span: 'between 1994 and 2020', type: 'DATE', value: '1994', range: { start: '1994', end: '2020' } },
  // durations
  { text: 'The talks lasted for two years.', span: 'two years', type: 'DURATION', value: 'P2Y' },
  { text: 'He has ruled for nearly three decades.', span: 'nearly three decades', type: 'DURATION', value: 'P3DE', mod: 'APPROX' },
  { text: 'The dispute has simmered for over two decades.', span: 'over two decades', type: 'DURATION', value: 'P2DE', mod: 'MORE_THAN' },
  { text: 'The pipeline was shut for half a year.', span: 'half a year', type: 'DURATION', value: 'P6M' },
  { text: 'The blockade lasted the last twenty four hours.', span: 'the last twenty four hours', type: 'DURATION', value: 'P1D' },
  // SET, TIME, TimeBank-style references
  { text: 'Inspectors report daily.', span: 'daily', type: 'SET', value: 'XXXX-XX-XX' },
  { text: 'The council meets every quarter.', span: 'every quarter', type: 'SET', value: 'P1Q' },
  { text: 'The vote closes at 10 p.m. Wednesday.', span: '10 p.m. Wednesday', type: 'TIME', value: '2019-06-12T22:00' },
  { text: 'The border is now closed.', span: 'now', type: 'DATE', value: 'PRESENT_REF' },
  { text: 'Relations have recently soured.', span: 'recently', type: 'DATE', value: 'PAST_REF' },
  { text: 'Growth slowed in the third quarter.', span: 'the third quarter', type: 'DATE', value: '2018-Q3' },
  { text: 'Prices fell last week.', span: 'last week', type: 'DATE', value: '2019-W23' },
];

describe('extractDates: forms', () => {
  for (const row of rows) {
    it(`"${row.span}" in "${row.text}" → ${row.type} ${row.value}`, () => {
      const found = extractDates({ id: 'fx', text: row.text }, row.published === undefined ? PUB : row.published);
      const m = found.find((f) => f.text === row.span);
      expect(m, `found: ${JSON.stringify(found.map((f) => [f.text, f.value]))}`).toBeDefined();
      expect(m!.timexType).toBe(row.type);
      expect(m!.value).toBe(row.value);
      if (row.mod) expect(m!.mod).toBe(row.mod);
      if (row.range) expect(m!.range).toEqual(row.range);
      if (row.anchor) expect(m!.anchor).toBe(row.anchor);
      expect(row.text.slice(m!.start, m!.end)).toBe(m!.text);
    });
  }
});

const nearMisses: { text: string; not: string }[] = [
  { text: 'Police detained over 1,400 prisoners.', not: '1,400' },
  { text: 'About 2000 soldiers took part in the drills.', not: '2000' },
  { text: 'He began his seventh term in office.', not: 'seventh term' },
  { text: 'He won a second term.', not: 'second' },
  { text: 'Observers say the opposition May boycott the vote.', not: 'May' },
  { text: 'They may march on the capital.', not: 'march' },
  { text: 'The figure was disputed.[12] Others agree.', not: '12' },
  { text: 'See note 23 for the sources.', not: '23' },
  { text: 'The loan was worth $2019 million.', not: '2019' },
  { text: 'Turnout was 1998 votes short.', not: '1998' },
  { text: 'The Arab Spring spread quickly.', not: 'Spring' },
  { text: 'Thus the talks collapsed.', not: 'Thus' },
  { text: 'The Sun reported the story.', not: 'Sun' },
  { text: 'A 136-year-old bank failed.', not: '136-year' },
  { text: 'Rates fell to 3:1 odds.', not: '3:1' },
];

describe('extractDates: near misses', () => {
  for (const { text, not } of nearMisses) {
    it(`"${not}" in "${text}" is no date`, () => {
      const at = text.indexOf(not);
      const found = extractDates({ id: 'nm', text }, PUB).filter((f) => f.start < at + not.length && at < f.end);
      expect(found.map((f) => f.text)).toEqual([]);
    });
  }
});

describe('extractDates: invariants', () => {
  const text = 'On 27 February 2022 he said Friday that troops left two years ago; they return next week.';
  const found = extractDates({ id: 'doc-1', text }, PUB);

  it('gives stable ids from doc id, offsets and text', () => {
    const again = extractDates({ id: 'doc-1', text }, PUB);
    expect(again.map((m) => m.id)).toEqual(found.map((m) => m.id));
    const other = extractDates({ id: 'doc-2', text }, PUB);
    expect(other[0]!.id).not.toBe(found[0]!.id);
  });

  it('keeps spans sorted, disjoint and equal to the text they cover', () => {
    for (let i = 0; i < found.length; i++) {
      const m = found[i]!;
      expect(text.slice(m.start, m.end)).toBe(m.text);
      if (i > 0) expect(m.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    }
  });

  it('leaves relative dates unanchored without a publication date', () => {
    const bare = extractDates({ id: 'doc-1', text: 'They return next week, he said on Friday.' }, null);
    expect(bare.map((m) => [m.text, m.value, m.anchor])).toEqual([
      ['next week', 'XXXX-WXX', undefined],
      ['Friday', 'XXXX-WXX-5', undefined],
    ]);
  });
});
