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
import {
  compileCue,
  cuePrefixes,
  loadLexicon,
  PREFIX_ENDS,
  PREFIX_SPACE,
  PREFIX_WORD_ENDS,
  prefixChild,
  prefixLetterOf,
  type StartIndex,
} from '../../pipeline/claims/lexicon.ts';
import { matchesAt } from '../../pipeline/core/regex.ts';
import { prefixHitsOf, spanMatches } from '../../pipeline/claims/extract.ts';
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

const isSpace = (c: number): boolean => prefixLetterOf(c) === PREFIX_SPACE;

function childOf(index: StartIndex, node: number, code: number): number {
  const letter = prefixLetterOf(code);
  return letter >= 0 ? prefixChild(index.trie, node, letter) : -1;
}

/** Per expression, the positions the index offers (word starts where one of its prefixes stands), as the stage walks it. */
function indexStarts(index: StartIndex, text: string): Map<number, number[]> {
  const starts = new Map<number, number[]>();
  const add = (expressions: readonly number[], at: number): void => {
    for (const e of expressions) starts.set(e, [...(starts.get(e) ?? []), at]);
  };
  for (let at = 0; at < text.length; at++) {
    if (!isWord(text.charCodeAt(at)) || (at > 0 && isWord(text.charCodeAt(at - 1)))) continue;
    let node = childOf(index, 0, text.charCodeAt(at));
    for (let k = at + 1; node >= 0; k++) {
      add(index.trie.expressions[node]!, at);
      if (k >= text.length || !isRegexWord(text.charCodeAt(k))) add(index.trie.wordExpressions[node]!, at);
      node = k < text.length ? childOf(index, node, text.charCodeAt(k)) : -1;
      // A space of a prefix is the text's whole whitespace run.
      if (node >= 0 && isSpace(text.charCodeAt(k))) while (k + 1 < text.length && isSpace(text.charCodeAt(k + 1))) k++;
    }
  }
  return starts;
}

const index = lex.startIndex;
const lists: [string, number, number][] = [
  ['cues', 0, lex.compiled.length],
  ['anaphora', lex.compiled.length, lex.compiled.length + lex.anaphora.length],
  ['literal actors', lex.compiled.length + lex.anaphora.length, index.expressions.length],
];

describe('the cue prefix index', () => {
  it('knows a start for every expression (one without is scanned in full: slow, not wrong)', () => {
    expect(index.always).toEqual([]);
  });

  it('lays its trie out breadth first, children together in letter order, with the ends of prefixes flagged', () => {
    const { trie } = index;
    const n = trie.letter.length;
    for (let node = 0; node < n; node++) {
      const first = trie.firstChild[node]!;
      for (let child = first; child < first + trie.childCount[node]!; child++) {
        expect(child).toBeGreaterThan(node);
        if (child > first) expect(trie.letter[child]!).toBeGreaterThan(trie.letter[child - 1]!);
        expect(prefixChild(trie, node, trie.letter[child]!)).toBe(child);
      }
      expect(trie.ends[node]).toBe((trie.expressions[node]!.length > 0 ? PREFIX_ENDS : 0) | (trie.wordExpressions[node]!.length > 0 ? PREFIX_WORD_ENDS : 0));
    }
  });

  it('numbers the cues, then the anaphora, then the literal actors', () => {
    expect(index.expressions.map((x) => x.sticky)).toEqual([...lex.compiled, ...lex.anaphora, ...lex.literalActors].map((x) => x.sticky));
  });

  it('takes the whitespace of \\s as a space, and no other character', () => {
    for (let c = 0; c < 0x10000; c++) expect(isSpace(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it.each(lists)('gives the matches of a full scan: %s', (_name, from, to) => {
    const expressions = index.expressions.slice(from, to);
    let matched = 0;
    for (const text of texts) {
      const starts = indexStarts(index, text);
      expressions.forEach((x, i) => {
        const e = from + i;
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

describe('the matches of a span (a clause) from the prefix hits of its whole text', () => {
  it('are those of a full scan of the span alone, wherever the span starts and ends (even inside a word or a prefix)', () => {
    const cues = index.expressions.slice(0, lex.compiled.length);
    // A fixed pseudo-random sequence (the test is the same every run).
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    let matched = 0;
    for (const text of texts.filter((_, i) => i % 4 === 0)) {
      const hits = prefixHitsOf(text, index);
      for (let n = 0; n < 12; n++) {
        const start = random(text.length);
        const span = { start, end: Math.min(text.length, start + 1 + random(400)) };
        const piece = text.slice(span.start, span.end);
        const want = cues
          .map((x, e): [number, [number, number][]] => [e, [...piece.matchAll(new RegExp(x.sticky.source, 'gi'))].filter((m) => m[0].length > 0).map((m) => [m.index, m.index + m[0].length])])
          .filter(([, ms]) => ms.length > 0);
        const got = spanMatches(text, span, hits, index, 0, lex.compiled.length).map(([e, ms]): [number, [number, number][]] => [e, ms.map((m) => [m.index, m.end])]);
        expect(got, `${JSON.stringify(piece.slice(0, 60))}`).toEqual(want);
        matched += want.length;
      }
    }
    expect(matched).toBeGreaterThan(0);
  });

  it("start a word at the span's start when the text has a word character before it", () => {
    const cues = index.expressions.slice(0, lex.compiled.length);
    let checked = 0;
    for (const example of examples) {
      cues.forEach((x, e) => {
        for (const m of example.matchAll(new RegExp(x.sticky.source, 'gi'))) {
          // The cue glued to a letter before it: a word start of the span only.
          const text = `${example.slice(0, m.index)}q${example.slice(m.index)}`;
          const span = { start: m.index + 1, end: text.length };
          const got = spanMatches(text, span, prefixHitsOf(text, index), index, 0, lex.compiled.length).find(([cue]) => cue === e)?.[1][0];
          expect(got, `${x.sticky.source.slice(0, 60)} in ${JSON.stringify(text)}`).toEqual({ index: 0, end: m[0].length });
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('cuePrefixes', () => {
  const prefixesOf = (cue: string) => cuePrefixes(new RegExp(compileCue(cue), 'iy'));

  it('reads first words through groups, optional parts and alternatives', () => {
    expect(prefixesOf('(presidential|snap)? election*')).toEqual([
      { prefix: 'presidential election', word: false },
      { prefix: 'snap election', word: false },
      { prefix: 'election', word: false },
    ]);
    expect(prefixesOf('subsid(y|ies)')).toEqual([
      { prefix: 'subsidy', word: true },
      { prefix: 'subsidies', word: true },
    ]);
    // compileCue's {poss}: a non-capturing group of words.
    expect(prefixesOf('{poss} decision')?.map((p) => p.prefix)).toEqual(['his decision', 'her decision', 'its decision', 'their decision', 'the decision']);
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
      { prefix: 'met with', word: true },
      { prefix: 'meets with', word: true },
      { prefix: 'talks', word: true },
    ]);
  });

  it('runs on over the whitespace after the first word, up to what is not a plain word', () => {
    expect(prefixesOf('the (country|nation)')).toEqual([
      { prefix: 'the country', word: true },
      { prefix: 'the nation', word: true },
    ]);
    // A gap: the prefix ends at the space, never a whole word (the pattern's \s+ may stop inside the text's run).
    expect(prefixesOf('held ... talks')).toEqual([{ prefix: 'held ', word: false }]);
    // The walk takes a whitespace run in one step: a second \s+ after it ends the prefix.
    expect(cuePrefixes(/(?<![\w-])(?:a\s+\s+b)(?![\w])/iy)).toEqual([{ prefix: 'a ', word: false }]);
    // A start that runs on from one that need not end a word is left out.
    expect(prefixesOf('(election*|election day)')).toEqual([{ prefix: 'election', word: false }]);
  });

  it('runs on to the second word only, and ends with the first when that would make too many', () => {
    expect(prefixesOf('in office since')).toEqual([{ prefix: 'in office', word: true }]);
    const words = (w: string, n: number) => `(${Array.from({ length: n }, (_, i) => `${w}${String.fromCharCode(97 + i)}`).join('|')})`;
    const second = prefixesOf(`${words('a', 20)} ${words('b', 10)} ${words('c', 10)}`)!;
    expect(second).toHaveLength(200);
    expect(second.every((p) => /^a[a-t] b[a-j]$/.test(p.prefix) && p.word)).toBe(true);
    const first = prefixesOf(`${words('a', 20)} ${words('b', 20)}`)!;
    expect(first).toEqual(Array.from({ length: 20 }, (_, i) => ({ prefix: `a${String.fromCharCode(97 + i)}`, word: true })));
  });

  it('gives none when a start is not a plain word, or the u flag would fold non-ASCII letters onto the index', () => {
    expect(prefixesOf('... sanctions')).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:\d+ troops)/iy)).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:(?:talks)?\S)/iy)).toBeNull();
    expect(cuePrefixes(/(?<![\w-])(?:sanctions)(?![\w])/iuy)).toBeNull();
  });
});
