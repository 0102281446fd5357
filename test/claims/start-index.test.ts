/**
 * The claims stage tries a cue, anaphora or literal-actor expression only where
 * one of its first-word prefixes (read from its regex by cuePrefixes) stands at
 * a word start. Checked here against a full scan of every expression over the
 * relations' examples, the seed corpus and the fixtures, in their own case and in
 * upper case: trying the expression (sticky) only at the index's starts must give
 * exactly the matches of the global scan.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileCue, cuePrefixes, loadLexicon, PREFIX_LETTER, type IndexedExpression, type PrefixNode, type StartIndex } from '../../pipeline/claims/lexicon.ts';
import { matchesAt } from '../../pipeline/core/regex.ts';
import { markedDoc } from './mark.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lex = loadLexicon();

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : /\.(txt|md)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

const examples = lex.file.relations.flatMap((r) => [...r.examples.map((e) => markedDoc('ex', e.text, null).text), ...r.counterExamples]);
const files = [...filesIn(path.join(ROOT, 'corpus')), ...filesIn(path.join(ROOT, 'test', 'fixtures'))].map((f) => readFileSync(f, 'utf8'));
const texts = [...examples, examples.join(' '), ...files].flatMap((t) => [t, t.toUpperCase()]);

const isWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
/** \w without the u flag. */
const isRegexWord = (c: number): boolean => c !== 45 && isWord(c);

function childOf(node: PrefixNode, code: number): PrefixNode | undefined {
  const letter = code < 128 ? PREFIX_LETTER[code]! : -1;
  return letter >= 0 ? node.next[letter] : undefined;
}

/** Per expression, the positions the index offers (word starts where one of its prefixes stands), as the stage walks it. */
function indexStarts(index: StartIndex, text: string): Map<number, number[]> {
  const starts = new Map<number, number[]>();
  const add = (expressions: readonly number[], at: number): void => {
    for (const e of expressions) starts.set(e, [...(starts.get(e) ?? []), at]);
  };
  for (let at = 0; at < text.length; at++) {
    if (!isWord(text.charCodeAt(at)) || (at > 0 && isWord(text.charCodeAt(at - 1)))) continue;
    let node = childOf(index.root, text.charCodeAt(at));
    for (let k = at + 1; node !== undefined; k++) {
      add(node.expressions, at);
      if (k >= text.length || !isRegexWord(text.charCodeAt(k))) add(node.wordExpressions, at);
      node = k < text.length ? childOf(node, text.charCodeAt(k)) : undefined;
    }
  }
  return starts;
}

const lists: [string, StartIndex, readonly IndexedExpression[]][] = [
  ['cues', lex.cueIndex, lex.compiled],
  ['anaphora', lex.anaphoraIndex, lex.anaphora],
  ['literal actors', lex.literalActorIndex, lex.literalActors],
];

describe('the cue prefix index', () => {
  it('knows a start for every expression (one without is scanned in full: slow, not wrong)', () => {
    for (const [, index] of lists) expect(index.always).toEqual([]);
  });

  it.each(lists)('gives the matches of a full scan: %s', (_name, index, expressions) => {
    let matched = 0;
    for (const text of texts) {
      const starts = indexStarts(index, text);
      expressions.forEach((x, e) => {
        const global = new RegExp(x.sticky.source, 'gi');
        const want = [...text.matchAll(global)].filter((m) => m[0].length > 0).map((m) => [m.index, m[0]]);
        const got = index.always.includes(e) ? want : matchesAt(x.sticky, text, starts.get(e) ?? []).map((m) => [m.index, m[0]]);
        expect(got, `${x.sticky.source.slice(0, 80)} on ${JSON.stringify(text.slice(0, 60))}`).toEqual(want);
        matched += want.length;
      });
    }
    expect(matched).toBeGreaterThan(0);
  });
});

describe('cuePrefixes', () => {
  const prefixesOf = (cue: string) => cuePrefixes(new RegExp(compileCue(cue), 'iy'));

  it('reads first words through groups, optional parts and alternatives', () => {
    expect(prefixesOf('(presidential|snap)? election*')).toEqual([
      { prefix: 'presidential', word: true },
      { prefix: 'snap', word: true },
      { prefix: 'election', word: false },
    ]);
    expect(prefixesOf('subsid(y|ies)')).toEqual([
      { prefix: 'subsidy', word: true },
      { prefix: 'subsidies', word: true },
    ]);
    // compileCue's {poss}: a non-capturing group of words.
    expect(prefixesOf('{poss} decision')?.map((p) => p.prefix)).toEqual(['his', 'her', 'its', 'their', 'the']);
    expect(prefixesOf('air-base')).toEqual([{ prefix: 'air-base', word: true }]);
    // A repeated letter: its first copy is certain, then anything.
    expect(cuePrefixes(/(?<![\w-])(?:ba+h)(?![\w])/iy)).toEqual([{ prefix: 'ba', word: false }]);
  });

  it('ends a whole word where the next character cannot be a word character', () => {
    expect(prefixesOf("don't")).toEqual([{ prefix: 'don', word: true }]);
    expect(prefixesOf('membership, which')).toEqual([{ prefix: 'membership', word: true }]);
    expect(prefixesOf('protégé of')).toEqual([{ prefix: 'prot', word: true }]);
    expect(prefixesOf('subsidi[sz]e*')).toEqual([{ prefix: 'subsidi', word: false }]);
  });

  it('reads named groups and top-level alternation', () => {
    expect(cuePrefixes(/(?<![\w-])(?:(?<verb>met|meets)\s+with)(?![\w])|(?<![\w-])(?:talks)(?![\w])/iy)).toEqual([
      { prefix: 'met', word: true },
      { prefix: 'meets', word: true },
      { prefix: 'talks', word: true },
    ]);
  });

  it('gives none when a start is not a plain word, or the u flag would fold non-ASCII letters onto the index', () => {
    expect(prefixesOf('... sanctions')).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:\d+ troops)/iy)).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:(?:talks)?\S)/iy)).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:sanctions)(?![\w])/iuy)).toBeNull();
  });
});
