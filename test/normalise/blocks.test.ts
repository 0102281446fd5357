/**
 * plainTextBlocks is a fast path past remark for pastes with no markdown syntax: wherever it
 * answers, its blocks must be exactly remark's (types, offsets, lines, pieces, texts). Checked
 * on every corpus and fixture text, on each blank-line-separated chunk of them and each pair of
 * neighbouring chunks (so the plain paragraphs of markdown pastes are tried too), on the
 * te3-silver corpus when shared/ is beside the repository, and on markdown-ish lines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findJsonBlobs, markdownBlocks, plainTextBlocks } from '../../pipeline/normalise/lib/blocks.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SILVER = path.join(ROOT, '..', 'shared', 'scale', 'te3-silver');

function textsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? textsIn(path.join(dir, e.name)) : /\.(txt|md)$/.test(e.name) ? [readFileSync(path.join(dir, e.name), 'utf8')] : []))
    .sort();
}

/** Each blank-line-separated chunk of a text, and each pair of neighbours with the blank lines between. */
function chunksOf(raw: string): string[] {
  const starts = [0];
  const ends: number[] = [];
  for (const m of raw.matchAll(/\n[ \t]*\n/g)) {
    ends.push(m.index);
    starts.push(m.index + m[0].length);
  }
  ends.push(raw.length);
  const out: string[] = [];
  for (let i = 0; i < starts.length; i++) {
    out.push(raw.slice(starts[i], ends[i]));
    if (i + 1 < starts.length) out.push(raw.slice(starts[i], ends[i + 1]));
  }
  return out;
}

/** Checks one input; true when the fast path answered. */
function agrees(raw: string): boolean {
  const skip = findJsonBlobs(raw).map((b) => [b.start, b.end] as [number, number]);
  const plain = plainTextBlocks(raw, skip);
  if (plain === null) return false;
  const remark = markdownBlocks(raw, skip);
  // Serialised first: toEqual on thousands of documents is slow, and only a difference needs its diff.
  if (JSON.stringify(plain) !== JSON.stringify(remark)) expect(plain, JSON.stringify(raw.slice(0, 200))).toEqual(remark);
  return true;
}

const MARKDOWNISH = [
  '# Heading\n\nText under it.',
  '## Heading ##\nText right under it.',
  '#1 seed wins the final.',
  'Title\n=====\n\nBody text.',
  'Title\n---\nBody text.',
  'Text\n  = not an underline\nmore',
  '- item one\n- item two\n\nAfter the list.',
  'Lead line\n- item interrupting\n- another',
  '* star item\n+ plus item',
  '-5 degrees overnight.',
  '1. first\n2. second\n\n3) third',
  'Lead line\n1. ordered interrupting\n2. next',
  '2019. A year to remember.',
  'Numbers 1. in the middle of a line, 2) too.',
  '10 people died.\n1997 was a year.\n2. Second item',
  '> quoted line\ncontinued lazily\n\n> another quote',
  'quote > inside a line',
  '```\ncode block\n```\n\nText.',
  '~~~\ncode\n~~~',
  '    indented code\n\ntext',
  'text\n    lazy continuation, four spaces in\n        and eight',
  '   three-space indent\n\n  two\n\n one',
  '\tTabbed first line',
  'text\n\tcontinuation after a tab\n \t mixed',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  'a | b\n1 | 2',
  '***\n\n___\n\n- - -',
  '<div>html block</div>\n\ntext',
  'inline <b>html</b> and <http://example.com>',
  '[ref]: http://example.com\n\nA [link](http://x.y) and ![img](a.png) and [ref].',
  'A line with two spaces  \nnext line',
  'A line with a backslash\\\nnext line',
  'line with one trailing space \nnext',
  'trailing tab\t\n\nnext\t',
  'trailing spaces at the end  ',
  'Fish & chips; AT&T and S&P 500',
  'Entities &amp; &#38; &#x26; &copy;',
  'Price 5 * 3 and snake_case word',
  'a `code` span',
  'escaped \\* star',
  'emoji 😀 in text\n\nnext 𝔘 line',
  'nbsp line\n\u00a0\nafter',
  '\u00a0starts with a no-break space\n\u3000ideographic space',
  'ends with a no-break space\u00a0',
  'form\ffeed and vertical\vtab',
  '\fform feed first',
  'crlf\r\nline\r\n\r\nnext',
  'lone\rcarriage return',
  'bom \uFEFF inside',
  'nul \0 inside',
  'multiple\n\n\n\nblank lines\n \t \nwith whitespace',
  '',
  '\n\n',
  '   ',
  'no newline at end',
  '\n\nleading blank lines\n',
  '!bang and ] bracket } brace',
  'line separator\u2028inside\u2029and paragraph separator',
  '{\n  "headline": "A title",\n  "datePublished": "2021-05-03"\n}\n\nText after the blob.',
  'Text before.\n{ "a": 1 }\nText after.',
  '{\n  "authors": ["Jane Roe"]\n}\n\nText.',
  'Title line\nBy Jane Roe\nPublished 3 May 2021\n\nThe council voted on Tuesday.\nIt was close.\n\n\nShare\nTweet\n',
];

describe('plainTextBlocks gives exactly the blocks remark gives', () => {
  it('on markdown-ish inputs (or leaves them to remark)', () => {
    for (const raw of MARKDOWNISH) agrees(raw);
  });

  it('answers for plain inputs, so the checks above are not vacuous', () => {
    const plain = [
      'text\n    lazy continuation, four spaces in\n        and eight',
      '   three-space indent\n\n  two\n\n one',
      'text\n\tcontinuation after a tab\n \t mixed',
      'trailing tab\t\n\nnext\t',
      'nbsp line\n\u00a0\nafter',
      '\u00a0starts with a no-break space\n\u3000ideographic space',
      'emoji 😀 in text\n\nnext 𝔘 line',
      'Fish & chips; AT&T and S&P 500',
      'form\ffeed and vertical\vtab',
      'multiple\n\n\n\nblank lines\n \t \nwith whitespace',
      '',
      'a | b\n1 | 2',
      '{\n  "headline": "A title",\n  "datePublished": "2021-05-03"\n}\n\nText after the blob.',
      'Text before.\n{ "a": 1 }\nText after.',
      'Title line\nBy Jane Roe\nPublished 3 May 2021\n\nThe council voted on Tuesday.\nIt was close.\n\n\nShare\nTweet\n',
    ];
    for (const raw of plain) expect(agrees(raw), JSON.stringify(raw)).toBe(true);
    for (const raw of ['# Heading', '- item', '1. item', '> quote', '    code', '\tcode', 'a  \nb', 'a *b*', 'a [b](c)', 'crlf\r\n']) {
      expect(plainTextBlocks(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it('on the seed corpus and the test fixtures, whole and chunk by chunk', () => {
    const texts = [...textsIn(path.join(ROOT, 'corpus')), ...textsIn(path.join(ROOT, 'test', 'fixtures'))];
    expect(texts.length).toBeGreaterThan(10);
    let answered = 0;
    let tried = 0;
    for (const raw of texts) {
      for (const input of [raw, ...chunksOf(raw)]) {
        tried++;
        if (agrees(input)) answered++;
      }
    }
    expect(answered).toBeGreaterThan(tried / 2);
  });

  it.skipIf(!existsSync(SILVER))('on the te3-silver corpus', () => {
    const texts = textsIn(SILVER);
    let answered = 0;
    for (const raw of texts) if (agrees(raw)) answered++;
    expect(answered).toBeGreaterThan(texts.length * 0.9);
  });
});
