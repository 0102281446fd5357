import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCorpusManifest } from '../../pipeline/corpus/manifest.ts';
import { readCorpusFile } from '../../pipeline/corpus/read.ts';

const ARTICLE = 'A headline about the café talks\n\nThe delegates met in Zürich on Monday and agreed a “roadmap” for talks.\n';

function corpus(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-read-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
  return dir;
}

const rules = (d: ReturnType<typeof readCorpusFile>) => d.messages.map((m) => m.ruleId);

describe('readCorpusFile: decoding', () => {
  it.each([
    { name: 'utf-8', bytes: Buffer.from(ARTICLE, 'utf8'), warn: [] as string[] },
    { name: 'utf-8 with BOM (the BOM is not text)', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE, 'utf8')]), warn: [] },
    { name: 'utf-16le with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARTICLE, 'utf-16le')]), warn: [] },
    { name: 'utf-16be with BOM', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARTICLE, 'utf-16be')]), warn: [] },
    { name: 'windows-1252 (decoded, with a warning)', bytes: iconv.encode(ARTICLE, 'windows-1252'), warn: ['input/not-utf8'] },
  ])('$name', ({ bytes, warn }) => {
    const dir = corpus({ 'a.txt': bytes });
    const doc = readCorpusFile(dir, 'a.txt');
    expect(doc.raw).toBe(ARTICLE);
    expect(rules(doc)).toEqual(warn);
    expect(doc.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes a Latin-1 file with accented letters and says which encoding it used', () => {
    const text = 'Le président a déclaré à Genève que la sécurité était garantie.\n';
    const doc = readCorpusFile(corpus({ 'l.txt': iconv.encode(text, 'latin1') }), 'l.txt');
    expect(doc.raw).toBe(text);
    const m = doc.messages.find((x) => x.ruleId === 'input/not-utf8');
    expect(m?.severity).toBe('warning');
    expect(m?.reason).toMatch(/windows-1252/);
  });
});

describe('readCorpusFile: refusals are fatal messages naming the file', () => {
  it.each([
    { name: 'an empty file', file: 'e.txt', bytes: Buffer.alloc(0), rule: 'input/empty' },
    { name: 'a file of whitespace', file: 'w.txt', bytes: Buffer.from(' \n\t\n  '), rule: 'input/empty' },
    { name: 'a binary file with NUL bytes', file: 'b.txt', bytes: Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01, 0x02]), rule: 'input/binary' },
    { name: 'a PNG renamed .txt', file: 'p.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x41]), rule: 'input/binary' },
  ])('$name → $rule', ({ file, bytes, rule }) => {
    const doc = readCorpusFile(corpus({ [file]: bytes }), file);
    const fatal = doc.messages.filter((m) => m.severity === 'fatal');
    expect(fatal.map((m) => m.ruleId)).toEqual([rule]);
    expect(fatal[0]?.reason).toContain(file);
    expect(doc.raw).toBe('');
  });

  it('refuses a file over the size limit before reading it', () => {
    const dir = corpus({ 'big.txt': 'x'.repeat(2000) });
    const doc = readCorpusFile(dir, 'big.txt', { maxBytes: 1000 });
    expect(rules(doc)).toEqual(['input/too-large']);
    expect(doc.messages[0]?.reason).toMatch(/big\.txt/);
    expect(readCorpusFile(dir, 'big.txt', { maxBytes: 5000 }).messages).toEqual([]);
  });

  it('reports a missing file as unreadable', () => {
    expect(rules(readCorpusFile(corpus({}), 'gone.txt'))).toEqual(['input/unreadable']);
  });
});

describe('corpus manifest', () => {
  it('puts manifest fields on doc.meta (YAML, unquoted dates, one author as a string)', () => {
    const dir = corpus({
      'a.txt': ARTICLE,
      'manifest.yaml': 'a:\n  title: The manifest title\n  authors: Jane Roe\n  outlet: The Ledger\n  url: https://example.org/a\n  published: 2019-04-02\n',
    });
    const doc = readCorpusFile(dir, 'a.txt');
    expect(doc.messages).toEqual([]);
    expect(doc.meta).toMatchObject({ title: 'The manifest title', authors: ['Jane Roe'], outlet: 'The Ledger', url: 'https://example.org/a', published: '2019-04-02', publishedBasis: 'manifest', confidence: 1 });
  });

  it('accepts a JSON array of entries with ids', () => {
    const m = parseCorpusManifest('manifest.json', JSON.stringify([{ id: 'a', published: '2020-05' }]));
    expect(m.problems).toEqual([]);
    expect(m.entries.get('a')).toEqual({ published: '2020-05' });
  });

  it.each([
    { name: 'a bad date', file: 'manifest.json', text: JSON.stringify({ a: { published: '14/10/2015' } }), want: /a\.published/ },
    { name: 'an unknown field', file: 'manifest.yaml', text: 'a:\n  titel: typo\n', want: /titel|unrecognized/i },
    { name: 'broken JSON', file: 'manifest.json', text: '{"a": ', want: /not valid JSON/ },
  ])('a manifest with $name is reported, naming the file and the problem, and ignored', ({ file, text, want }) => {
    const m = parseCorpusManifest(file, text);
    expect(m.entries.size).toBe(0);
    expect(m.problems[0]).toContain(file);
    expect(m.problems[0]).toMatch(want);
  });

  it('a bad manifest puts manifest/invalid (not fatal) on each document, which is still read', () => {
    const dir = corpus({ 'a.txt': ARTICLE, 'manifest.json': '{"a": {"published": "soon"}}' });
    const doc = readCorpusFile(dir, 'a.txt');
    expect(rules(doc)).toEqual(['manifest/invalid']);
    expect(doc.messages[0]?.severity).toBe('error');
    expect(doc.raw).toBe(ARTICLE);
    expect(doc.meta.publishedBasis).toBe('none');
  });
});
