import { describe, expect, it } from 'vitest';
import { createDoc } from '../../pipeline/core/doc.ts';
import { findJsonBlobs, parseBlocks } from '../../pipeline/normalise/lib/blocks.ts';
import { normalise } from '../../pipeline/normalise/index.ts';
import { expectOffsetsRoundTrip } from './check.ts';

const norm = (raw: string) => normalise(createDoc('t', 't.txt', raw));
const kinds = (raw: string) => {
  const d = norm(raw);
  return d.paragraphs.map((p) => [p.kind, d.text.slice(p.start, p.end)]);
};
const BODY = 'The council voted on Tuesday to extend the curfew for another month, officials said.';

describe('normalise: structure and chrome', () => {
  it('drops a JSON metadata blob and reads authors from it', () => {
    const raw = `{\n  "authors": ["Jane Roe"],\n  "type": "analysis"\n}\n\nCurfew extended in the capital\n\n${BODY}\n`;
    expect(findJsonBlobs(raw)).toHaveLength(1);
    const d = norm(raw);
    expect(d.text).not.toContain('"authors"');
    expect(d.meta.authors).toEqual(['Jane Roe']);
    expect(d.meta.title).toBe('Curfew extended in the capital');
  });

  it('drops runs of short menu lines before the title and after the body', () => {
    expect(kinds(`World\nPolitics\nBusiness\nOpinion\n\nCurfew extended in the capital\n\n${BODY}\n\nMore from Politics\nElection day\nBudget vote\n`)).toEqual([
      ['title', 'Curfew extended in the capital'],
      ['paragraph', BODY],
    ]);
  });

  it('keeps a section heading that introduces body text, and markdown list items', () => {
    const k = kinds(`# Curfew extended in the capital\n\n${BODY}\n\n## What changes\n\n- Shops must close at 8 p.m. on weekdays.\n- Public transport stops at 9 p.m.\n\nThe measures will be reviewed at the end of the month, the mayor said.\n`);
    expect(k.map((x) => x[0])).toEqual(['title', 'paragraph', 'heading', 'list-item', 'list-item', 'paragraph']);
    expect(k[3]?.[1]).toBe('Shops must close at 8 p.m. on weekdays.');
  });

  it('removes markdown emphasis markers but keeps the words, and folds whitespace', () => {
    const d = norm(`Curfew extended in the capital\n\nThe council   voted **unanimously** on Tuesday to\textend the curfew, officials said.\n`);
    expect(d.text).toContain('The council voted unanimously on Tuesday to extend the curfew, officials said.');
    expectOffsetsRoundTrip(d);
  });

  it('repairs a paragraph broken by a blank line in the middle of a sentence', () => {
    const d = norm(`Curfew extended in the capital\n\nThe council voted on Tuesday to extend the curfew for another month, as it had in similar\n\ncases in 2019 and 2020, officials said.\n`);
    expect(d.paragraphs.filter((p) => p.kind === 'paragraph')).toHaveLength(1);
    expect(d.text).toContain('as it had in similar cases in 2019');
    expectOffsetsRoundTrip(d);
  });

  it('keeps the hyphen of a word broken at a line end and joins it', () => {
    const d = norm(`Curfew extended in the capital\n\nThe decision was, counter-\nintuitively, welcomed by shop owners in the old town, who had feared worse.\n`);
    expect(d.text).toContain('counter-intuitively, welcomed');
    expectOffsetsRoundTrip(d);
  });

  it('drops an author bio paragraph at the end and reads the author from it', () => {
    const d = norm(`Curfew extended in the capital\n\n${BODY}\n\nJane Roe is a senior correspondent at the Daily Ledger covering local politics.\n`);
    expect(d.text).not.toContain('senior correspondent');
    expect(d.meta.authors).toEqual(['Jane Roe']);
  });

  it('gives input/no-sentences for a page of chrome only', () => {
    const d = norm('Home\nNews\nSport\n\n• About\n• Contact\n\nLoad more\n© 2024 Example Media\n');
    expect(d.messages.map((m) => [m.ruleId, m.severity])).toEqual([['input/no-sentences', 'fatal']]);
    expect(d.text).toBe('');
  });

  it('parses blocks with raw offsets that point at the words', () => {
    const raw = '# Title here\n\n**By Jane Roe**\n\n- item one\n';
    const blocks = parseBlocks(raw);
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list-item']);
    for (const b of blocks) for (const l of b.lines) expect(raw.slice(l.start, l.end)).toBe(l.text);
  });
});

describe('normalise: rails of related links', () => {
  it('drops a related-analysis rail whose first headline is a question', () => {
    const k = kinds(`Curfew extended in the capital\n\n${BODY}\n\nThe measures will be reviewed at the end of the month, the mayor said.\n\nRelated Analysis\n\nCan the City Afford Another Lockdown?\nWhy Curfews Rarely Work\n`);
    expect(k.map((x) => x[1])).toEqual(['Curfew extended in the capital', BODY, 'The measures will be reviewed at the end of the month, the mayor said.']);
  });
  it('returns to the body when running text follows a question after the rail', () => {
    const k = kinds(`Curfew extended in the capital\n\n${BODY}\n\nRelated Analysis\n\nWhat happens next?\n\nThe measures will be reviewed at the end of the month, the mayor said, and may be lifted early.\n`);
    expect(k.map((x) => x[1])).toContain('The measures will be reviewed at the end of the month, the mayor said, and may be lifted early.');
    expect(k.map((x) => x[1])).not.toContain('Related Analysis');
  });
});

describe('normalise: datelines and captions outside the head', () => {
  it('reads a dateline at the foot of the article as stated, without keeping it in the text', () => {
    const d = norm(`Curfew extended in the capital\n\n${BODY}\n\nThe measures will be reviewed at the end of the month, the mayor said.\n\nPublished on 4 May 2021\n`);
    expect(d.meta.published).toBe('2021-05-04');
    expect(d.meta.publishedBasis).toBe('stated');
    expect(d.text).not.toContain('Published on');
  });

  it('drops an agency photo caption so its date is no evidence', () => {
    const d = norm(`Curfew extended in the capital\n\nRiot police stand guard in the old town on June 3, 2022. REUTERS/Jane Roe\n\n${BODY} The curfew began in March 2021.\n`);
    expect(d.text).not.toContain('REUTERS/');
    expect(d.meta.published).toBe('2021-03');
  });

  it('takes the title from page metadata when no title line is shown', () => {
    const d = norm(`{"headline": "Curfew extended in the capital", "datePublished": "2021-05-04T10:00:00Z"}\n\n${BODY}\n`);
    expect(d.meta.title).toBe('Curfew extended in the capital');
    expect(d.meta.published).toBe('2021-05-04');
  });
});

describe('normalise: very short texts', () => {
  it('keeps a text of one short sentence (it has a sentence)', () => {
    const d = norm('Talks collapsed on Friday.\n');
    expect(d.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
    expect(d.text).toBe('Talks collapsed on Friday.');
  });
  it('refuses a text of labels without any sentence', () => {
    expect(norm('Talks\nCollapse\nFriday\n').messages.map((m) => m.ruleId)).toEqual(['input/no-sentences']);
  });
});

describe('normalise: title placement', () => {
  it('prefers a headline over a short section label before it', () => {
    const d = norm(`Opinion\n\nCurfew extended in the capital\n\nWorld News\n\n${BODY}\n`);
    expect(d.meta.title).toBe('Curfew extended in the capital');
  });
  it('finds a title placed after the byline and date', () => {
    const d = norm(`By Jane Roe\nMay 4, 2021\n\nCurfew extended in the capital\n\n${BODY}\n`);
    expect(d.meta.title).toBe('Curfew extended in the capital');
    expect(d.meta.authors).toEqual(['Jane Roe']);
    expect(d.meta.published).toBe('2021-05-04');
  });
  it('says normalise/no-title when there is none', () => {
    expect(norm(`${BODY}\n`).messages.map((m) => m.ruleId)).toContain('normalise/no-title');
  });
});
