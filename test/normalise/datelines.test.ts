import { describe, expect, it } from 'vitest';
import { createDoc } from '../../pipeline/core/doc.ts';
import { normalise } from '../../pipeline/normalise/index.ts';

const TITLE = 'Curfew extended in the capital after a week of protests';
const BODY = [
  'The council voted on Tuesday to extend the curfew for another month, officials said.',
  'Shops must close at 8 p.m. and public transport stops an hour later, the mayor told reporters in February 2019.',
].join('\n\n');
const norm = (raw: string) => normalise(createDoc('t', 't.txt', raw));
const page = (...head: string[]) => norm([TITLE, '', ...head, '', BODY, ''].join('\n'));

describe('stated publication dates: the forms page templates print under a headline', () => {
  it.each([
    { form: 'wire timestamp with an "Updated" trailer', head: ['November 4, 2024 6:42 AM UTC Updated 2 hours ago'], published: '2024-11-04' },
    { form: 'blog date with a reading time', head: ['Mar 3, 2024 · 7 min read'], published: '2024-03-03' },
    { form: 'time, zone, then the date', head: ['Published 12:03 GMT, 4 Nov 2024'], published: '2024-11-04' },
    { form: 'an ISO "Updated:" line alone', head: ['Updated: 2024-11-04'], published: '2024-11-04' },
    { form: 'day month year | time', head: ['4 November 2024 | 09:15'], published: '2024-11-04' },
    { form: '"Posted on"', head: ['Posted on March 3, 2023 at 10:42 am'], published: '2023-03-03' },
    { form: '"First published on" with a weekday and a time', head: ['First published on Tue 5 Nov 2024 09.15 GMT'], published: '2024-11-05' },
    { form: 'an ISO timestamp', head: ['2024-11-04T09:15:00Z'], published: '2024-11-04' },
    { form: 'a byline with the date after a bar', head: ['By Jane Roe | March 3, 2024'], published: '2024-03-03' },
    { form: 'a byline with the date after a middle dot', head: ['By Jane Roe and John Doe · 3 March 2024'], published: '2024-03-03' },
    { form: 'a month-only line under the title', head: ['April 2023'], published: '2023-04' },
  ])('$form', ({ head, published }) => {
    const d = page(...head);
    expect(d.meta.published).toBe(published);
    expect(d.meta.publishedBasis).toBe('stated');
    expect(d.meta.title).toBe(TITLE);
    const span = d.meta.publishedEvidenceSpan!;
    expect(d.text.slice(span.start, span.end)).toBe(d.meta.publishedEvidence);
    // the latest year in the text (2019) never overrides it
    expect(d.meta.published).not.toMatch(/^2019/);
  });

  it('takes the published date over an "Updated" one, whichever comes first', () => {
    for (const head of [['Updated: 2024-11-06', 'Published 4 Nov 2024'], ['Published 4 Nov 2024', 'Updated: 2024-11-06']]) {
      expect(page(...head).meta.published).toBe('2024-11-04');
    }
    expect(page('Updated 6 Nov 2024 · Published 4 Nov 2024').meta.published).toBe('2024-11-04');
    const upd = page('Updated: 2024-11-06');
    expect(upd.meta.published).toBe('2024-11-06');
    expect(upd.meta.confidence).toBeLessThan(page('Published 4 Nov 2024').meta.confidence!);
  });

  it("takes the first date line under the title over today's date in the nav bar", () => {
    const d = norm(['Home', 'World', 'Sunday, November 22, 2026', '', TITLE, '', 'March 3, 2024', '', 'May 1, 2024', '', BODY, ''].join('\n'));
    expect(d.meta.published).toBe('2024-03-03');
    expect(d.meta.title).toBe(TITLE);
    expect(d.text).not.toContain('2026');
  });

  it('reads a byline with a date as both the authors and the date', () => {
    const d = page('By Jane Roe, March 3, 2024, 10:42 AM');
    expect(d.meta.authors).toEqual(['Jane Roe']);
    expect(d.meta.published).toBe('2024-03-03');
  });

  it('keeps a month-only line further down as a section heading, not a date', () => {
    const d = norm([TITLE, '', 'By Jane Roe', '', BODY, '', 'March 2021', '', 'The curfew was first imposed after the riots of that spring, and lifted within weeks.', ''].join('\n'));
    expect(d.meta.publishedBasis).toBe('inferred');
    expect(d.paragraphs.some((p) => p.kind === 'heading' && d.text.slice(p.start, p.end) === 'March 2021')).toBe(true);
  });

  it('does not read a sentence that starts with a date as a date line', () => {
    const d = page('March 3, 2023 was the day the talks collapsed, and nobody has forgotten it since.');
    expect(d.meta.publishedBasis).not.toBe('stated');
  });
});

describe('head layout around the date line', () => {
  it('takes a name alone on the line above the date as the byline', () => {
    const d = norm(['The Harbour Letter', 'Home', '', TITLE, '', 'Why the mayor chose a curfew over a ban on gatherings', '', 'Jane Roe', 'Mar 3, 2024 · 7 min read', '', 'Like · 48 Comments · Restack', '', BODY, ''].join('\n'));
    expect(d.meta.title).toBe(TITLE);
    expect(d.meta.authors).toEqual(['Jane Roe']);
    expect(d.paragraphs.map((p) => p.kind).slice(0, 4)).toEqual(['title', 'subtitle', 'byline', 'dateline']);
    expect(d.text).not.toContain('Restack');
  });

  it('does not take a masthead-like line above the date for a person', () => {
    const d = norm(['Curfew Extended Again', 'The Harbour Letter', 'Mar 3, 2024', '', BODY, ''].join('\n'));
    expect(d.meta.authors).toEqual([]);
  });

  it('cuts the outlet at the footer link row and never takes the author for it', () => {
    const d = norm([TITLE, '', 'Jane Roe', 'Mar 3, 2024', '', BODY, '', '© 2024 Jane Roe · Privacy · Terms', ''].join('\n'));
    expect(d.meta.outlet).toBeNull();
    const e = norm([TITLE, '', BODY, '', '© Institute for Urban Studies 2023', ''].join('\n'));
    expect(e.meta.outlet).toBe('Institute for Urban Studies');
  });
});
