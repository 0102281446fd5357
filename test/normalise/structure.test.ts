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
