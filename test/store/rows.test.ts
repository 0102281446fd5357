import { describe, expect, it } from 'vitest';
import { DocumentSchema, type DocumentJson } from '../../pipeline/core/schema.ts';
import { countWords, documentRows } from '../../pipeline/store/rows.ts';

/** A small hand-built document whose strings try to look like the splice marker documentRows uses. */
function doc(over: Partial<DocumentJson> = {}): DocumentJson {
  const text = 'Officials said ,"mentions":[],"claims":[], was typed by a prankster. The ministry fined 3 firms on 4 May 2021.';
  const base = {
    id: 'prank',
    source: 'prank.txt',
    sourceHash: 'ab'.repeat(32),
    meta: { title: 'A title with "quotes" and ,"mentions":[],"claims":[],', authors: [], outlet: null, published: '2021-05-05', publishedBasis: 'manifest', publishedEvidence: null, confidence: 1 },
    text,
    paragraphs: [{ start: 0, end: text.length, rawStart: 0, rawEnd: text.length, kind: 'paragraph' }],
    offsetMap: [[0, text.length, 0, text.length]],
    mentions: [
      { id: 'q_1', type: 'quantity', start: 88, end: 89, text: '3', value: 3, unit: 'count', measure: 'firms' },
      { id: 'd_1', type: 'date', start: 99, end: 109, text: '4 May 2021', timexType: 'DATE', value: '2021-05-04' },
    ],
    claims: [
      {
        id: 'c_1', docId: 'prank', start: 70, end: 110, quote: 'The ministry fined 3 firms on 4 May 2021.', subject: 'org:ministry', relation: 'fine',
        time: { mentionId: 'd_1', value: '2021-05-04', basis: 'clause' }, polarity: 'affirmed', modality: 'asserted', confidence: 0.8, mentionIds: ['q_1', 'd_1'],
      },
    ],
    messages: [{ ruleId: 'x/y', reason: ',"mentions":[],"claims":[], in a message', stage: 'test', severity: 'info' }],
  };
  return DocumentSchema.parse({ ...base, ...over });
}

describe('documentRows', () => {
  it.each([
    ['mentions, claims and marker-like strings', doc()],
    ['no mentions or claims', doc({ mentions: [], claims: [] })],
    ['no source hash', (() => { const d = doc(); delete d.sourceHash; return d; })()],
  ])('the document JSON is exactly JSON.stringify of the export (%s)', (_name, json) => {
    const rows = documentRows(json);
    expect(rows.doc.json).toBe(JSON.stringify(json));
    expect(JSON.parse(rows.doc.json)).toEqual(json);
    expect(rows.mentions.map((m) => m['json'])).toEqual(json.mentions.map((m) => JSON.stringify(m)));
    expect(rows.claims.map((c) => c['json'])).toEqual(json.claims.map((c) => JSON.stringify(c)));
  });
});

describe('countWords', () => {
  const byRegex = (text: string): number => text.match(/\S+/g)?.length ?? 0;

  it('counts what /\\S+/g matches, with every UTF-16 code unit as a word and as a separator', () => {
    const differing: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}b`, `${ch}${ch}a`]) if (countWords(text) !== byRegex(text)) differing.push(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
    }
    expect(differing).toEqual([]);
  });

  it('counts mixed texts as the regex does', () => {
    for (const text of ['', ' ', 'one', '  two  words ', 'tab\tand\nnew\r\nlines', 'no\u00a0break\u2009thin\u3000ideographic', 'emoji 😀 and\ufeffbom', '\u1680ogham\u2028line']) {
      expect(countWords(text)).toBe(byRegex(text));
    }
  });
});
