/**
 * Literal prefilters for rule regexes, derived from the regex sources themselves: strings of
 * which a line must contain at least one for the regex to match ("\ball rights reserved\b"
 * needs "all rights reserved"; "^[^.!?]{0,100}\blogo\b…" needs "logo"), or with one of which
 * an anchored regex's match must begin. The filter is itself a regex, of those literals only,
 * with the rule's own flags, so it compares characters exactly as the rule does (case
 * folding included). Most lines are running text: a rule that can start anywhere, or that
 * scans before its first literal, costs far more per line than a literal search.
 *
 * It walks the regex's syntax tree (core/regex-syntax.ts, read with the `u` flag's syntax) and
 * stays conservative: anything but plain characters, groups and zero-width tests (classes,
 * escapes such as \d, back-references) contributes no literal, so it can only give a weaker
 * filter, never a wrong one. test/normalise/literals.test.ts checks on every rule and every
 * corpus line that no line a rule matches is filtered out.
 */
import { groupAlternatives, isOneCharacter, literalOf as literalOfAtom, parsePattern, termOf, type AST } from '../../core/regex-syntax.ts';

/** A sequence of the pattern: an alternative's elements, or the rest of one. */
type Sequence = readonly AST.Element[];

/** The literal an element stands for, if it is one plain character (a quantified one can repeat or vanish: it joins no literal run). */
function literalOf(e: AST.Element): string | null {
  const t = termOf(e);
  return t.quantified ? null : literalOfAtom(t.atom);
}

/** A group element's alternatives as sequences, with its minimum count; null for any other element. */
function groupOf(e: AST.Element): { alternatives: Sequence[]; min: number } | null {
  const t = termOf(e);
  const alternatives = groupAlternatives(t.atom);
  return alternatives && { alternatives: alternatives.map((a) => a.elements), min: t.min };
}

/** `^` (no regex here has the `m` flag: the start of the line). */
const isStart = (e: AST.Element): boolean => e.type === 'Assertion' && e.kind === 'start';
/** `^`, and the other zero-width tests: lookarounds, `$`, `\b`, `\B`. */
const isZeroWidth = (e: AST.Element): boolean => e.type === 'Assertion';

const shortest = (set: readonly string[]): number => Math.min(...set.map((x) => x.length));

/** The best requirement of a sequence: its longest literal run, or a mandatory group's alternatives. */
function required(items: Sequence): string[] | null {
  const candidates: string[][] = [];
  let run = '';
  const endRun = (): void => {
    if (run) candidates.push([run]);
    run = '';
  };
  for (const it of items) {
    const lit = literalOf(it);
    if (lit !== null) {
      run += lit;
      continue;
    }
    endRun();
    const group = groupOf(it);
    if (group && group.min >= 1) {
      const r = requiredOfAlternatives(group.alternatives);
      if (r) candidates.push(r);
    }
  }
  endRun();
  // Prefer the set whose shortest string is longest (fewest chance hits), then the smaller set.
  let best: string[] | null = null;
  for (const c of candidates) {
    if (!best || shortest(c) > shortest(best) || (shortest(c) === shortest(best) && c.length < best.length)) best = c;
  }
  return best;
}

function requiredOfAlternatives(alts: readonly Sequence[]): string[] | null {
  return unionOf(alts, required);
}

/** The strings `of` gives for each sequence, each once in the order met; null when it gives null for one. */
function unionOf(seqs: readonly Sequence[], of: (items: Sequence) => string[] | null): string[] | null {
  const out = new Set<string>();
  for (const a of seqs) {
    const r = of(a);
    if (!r) return null;
    for (const x of r) out.add(x);
  }
  return [...out];
}

/**
 * The literal strings one of which a match must begin with, given that the match begins where
 * `items` begin: the leading literal run, else the prefixes of a leading mandatory group.
 * Zero-width tests are skipped (they consume nothing). Null when no literal is known.
 */
function prefixes(items: Sequence): string[] | null {
  let run = '';
  for (const it of items) {
    if (isZeroWidth(it)) {
      if (run) break;
      continue;
    }
    const lit = literalOf(it);
    if (lit !== null) {
      run += lit;
      continue;
    }
    const group = run ? null : groupOf(it);
    if (group) {
      // A leading group: the match starts with one of its alternatives' prefixes, or, when the
      // group is optional ("(?:additional )?reporting"), with a prefix of what follows it.
      const heads = group.min >= 1 ? group.alternatives : [...group.alternatives, items.slice(items.indexOf(it) + 1)];
      return unionOf(heads, prefixes);
    }
    break;
  }
  return run ? [run] : null;
}

/**
 * The atoms (as source text, each matching one character) of which one must match the first
 * character a match of `items` consumes: a literal, a class or an escape such as \d, or those a
 * leading group's alternatives begin with, and, where the first step may be skipped (`?`, `*`,
 * an optional group), those of what follows. Zero-width tests are skipped. Null when unknown,
 * or when the match may consume nothing.
 */
function firstSteps(items: Sequence): string[] | null {
  for (const [i, it] of items.entries()) {
    if (isZeroWidth(it)) continue;
    const t = termOf(it);
    const alternatives = groupAlternatives(t.atom);
    if (!alternatives && !isOneCharacter(t.atom)) return null;
    const own = alternatives ? firstStepsOf(alternatives.map((a) => a.elements)) : [t.atom.raw];
    if (!own || t.min > 0) return own;
    const after = firstSteps(items.slice(i + 1));
    return after && [...new Set([...own, ...after])];
  }
  return null;
}

/** Whether every alternative begins with `^` (before any character is consumed). */
function anchoredAtStart(alts: readonly Sequence[]): boolean {
  return alts.every((a) => {
    for (const it of a) {
      if (isStart(it)) return true;
      if (!isZeroWidth(it)) return false;
    }
    return false;
  });
}

/**
 * Drop a string that another of the set is a part of (`covers`: contained in it, or a prefix of it):
 * the smaller set admits the same lines, sooner.
 */
function minimal(set: readonly string[], covers: (longer: string, shorter: string) => boolean): string[] {
  return set.filter((x, i) => !set.some((y, j) => j !== i && covers(x, y) && (x !== y || j < i)));
}
const contains = (longer: string, shorter: string): boolean => longer.includes(shorter);
const startsWith = (longer: string, shorter: string): boolean => longer.startsWith(shorter);

/** The alternatives of a source read with the `u` flag's syntax, or null when it is not valid there. */
function parse(source: string): Sequence[] | null {
  const pattern = parsePattern(source, 'u');
  return pattern && pattern.alternatives.map((a) => a.elements);
}

function anywhereOf(alts: readonly Sequence[]): string[] | null {
  const r = requiredOfAlternatives(alts);
  return r && r.length > 0 && shortest(r) > 0 ? minimal(r, contains) : null;
}

function prefixesOf(alts: readonly Sequence[]): string[] | null {
  if (!anchoredAtStart(alts)) return null;
  const all = unionOf(alts, prefixes);
  return all && all.length > 0 ? minimal(all, startsWith) : null;
}

/** firstSteps of every alternative (the union), or null when one is unknown. */
function firstStepsOf(alts: readonly Sequence[]): string[] | null {
  return unionOf(alts, firstSteps);
}

/** The strings of which a line must contain one for `source` to match anywhere in it, or null when no such set is known. */
export function requiredLiterals(source: string): string[] | null {
  const alts = parse(source);
  return alts && anywhereOf(alts);
}

/** For a regex anchored with `^`: the strings with one of which its match must begin; else null. */
export function requiredPrefixes(source: string): string[] | null {
  const alts = parse(source);
  return alts && prefixesOf(alts);
}

/** Whether some alternative tests a lookaround before its first character (`^(?=.{0,140}$)photo`): it scans the line before failing. */
function looksAroundFirst(alts: readonly Sequence[]): boolean {
  return alts.some((a) => {
    for (const it of a) {
      if (isStart(it)) continue;
      return isZeroWidth(it);
    }
    return false;
  });
}

/**
 * When a filter pays for itself. A regex anchored at the line start whose first step is a
 * character fails at once on other lines: it gets none, unless a lookaround comes first (the
 * filter then tests its prefixes). An anchored regex that starts with a class or a scan gets a
 * filter of required strings only when there are very few of them ("^[^.!?]{0,100}\blogo\b"); a
 * regex that can start anywhere, when they are not too many and none is very short.
 */
const MAX_ANYWHERE = 16;
const MAX_ANYWHERE_ANCHORED = 4;
const MIN_ANYWHERE_LENGTH = 3;

const escapeLiteral = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * Cheap tests that are false only for lines the regex cannot match, with the regex's own flags:
 * `filter`, a regex of the literals the regex needs (at the start, or anywhere), null when none
 * is worth testing first; `firstChar`, for a regex anchored on known literals, a regex of the
 * characters a line must begin with. One parse of the source gives both.
 */
export function literalTests(re: RegExp): { filter: RegExp | null; firstChar: RegExp | null } {
  // The analysis knows the syntax of the `u` flag; `m`, `s`, `y`, `g` or `v` would change what ^, . or the set syntax mean.
  const alts = re.unicode && re.flags.replace(/[iu]/g, '') === '' ? parse(re.source) : null;
  if (!alts) return { filter: null, firstChar: null };
  const anchored = anchoredAtStart(alts);
  const firsts = anchored ? firstStepsOf(alts) : null;
  const firstChar = firsts && new RegExp(`^(?:${firsts.join('|')})`, re.flags);
  const pre = anchored ? prefixesOf(alts) : null;
  if (pre) return { filter: looksAroundFirst(alts) ? new RegExp(`^(?:${pre.map(escapeLiteral).join('|')})`, re.flags) : null, firstChar };
  const any = anywhereOf(alts);
  const worth = any !== null && any.length <= (anchored ? MAX_ANYWHERE_ANCHORED : MAX_ANYWHERE) && shortest(any) >= MIN_ANYWHERE_LENGTH;
  return { filter: worth ? new RegExp(any.map(escapeLiteral).join('|'), re.flags) : null, firstChar };
}

/** literalTests(re).filter. */
export const literalFilter = (re: RegExp): RegExp | null => literalTests(re).filter;
