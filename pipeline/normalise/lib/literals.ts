/**
 * Literal prefilters for rule regexes, derived from the regex sources themselves: strings of
 * which a line must contain at least one for the regex to match ("\ball rights reserved\b"
 * needs "all rights reserved"; "^[^.!?]{0,100}\blogo\b…" needs "logo"), or with one of which
 * an anchored regex's match must begin. The filter is itself a regex, of those literals only,
 * with the rule's own flags, so it compares characters exactly as the rule does (case
 * folding included). Most lines are running text: a rule that can start anywhere, or that
 * scans before its first literal, costs far more per line than a literal search.
 *
 * Hand-written because no regex parser is a dependency. It reads the syntax of JavaScript
 * regexes with the `u` flag and stays conservative: anything it does not understand
 * contributes no literal, so it can only give a weaker filter, never a wrong one.
 * test/normalise/literals.test.ts checks on every rule and every corpus line that no line
 * a rule matches is filtered out.
 */

type Item =
  | { kind: 'char'; ch: string; min: number }
  | { kind: 'group'; alts: Item[][]; min: number }
  /** `^` (no regex here has the `m` flag: the start of the line). */
  | { kind: 'start'; min: number }
  /** Zero-width tests other than `^`: lookarounds, `$`, `\b`, `\B`. */
  | { kind: 'zero'; min: number }
  /** Classes, dots, back-references: no literal known. */
  | { kind: 'other'; min: number };

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  alternatives(): Item[][] {
    const alts: Item[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  sequence(): Item[] {
    const items: Item[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, quantified] = this.quantifier();
      // A quantified character can repeat or vanish: it joins no literal run.
      items.push(atom.kind === 'char' && quantified ? { kind: 'other', min } : atom.kind === 'start' || atom.kind === 'zero' ? atom : { ...atom, min });
    }
    return items;
  }

  atom(): Item {
    const s = this.src;
    const c = s[this.i]!;
    if (c === '(') {
      this.i++;
      let lookaround = false;
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) (this.i += 2), (lookaround = true);
      else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) (this.i += 3), (lookaround = true);
      else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      else if (s[this.i] === '?') throw new Error(`unknown group syntax at ${this.i}`);
      const alts = this.alternatives();
      if (s[this.i] !== ')') throw new Error(`unclosed group at ${this.i}`);
      this.i++;
      return lookaround ? { kind: 'zero', min: 1 } : { kind: 'group', alts, min: 1 };
    }
    if (c === '[') {
      this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (s[this.i] !== ']') throw new Error('unclosed class');
      this.i++;
      return { kind: 'other', min: 1 };
    }
    if (c === '\\') return this.escape();
    if (c === '.' || c === '^' || c === '$') {
      this.i++;
      return { kind: c === '^' ? 'start' : c === '$' ? 'zero' : 'other', min: 1 };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ']' || c === '}') throw new Error(`unexpected ${c} at ${this.i}`);
    const cp = s.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { kind: 'char', ch, min: 1 };
  }

  escape(): Item {
    const s = this.src;
    const e = s[this.i + 1];
    if (e === undefined) throw new Error('trailing backslash');
    this.i += 2;
    const char = (ch: string): Item => ({ kind: 'char', ch, min: 1 });
    switch (e) {
      case 'p':
      case 'P':
        this.i = s.indexOf('}', this.i) + 1;
        return { kind: 'other', min: 1 };
      case 'k':
        this.i = s.indexOf('>', this.i) + 1;
        return { kind: 'other', min: 1 };
      case 'u': {
        const m = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{4})/.exec(s.slice(this.i));
        if (!m) throw new Error('bad \\u escape');
        this.i += m[0].length;
        return char(String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16)));
      }
      case 'x': {
        const hex = s.slice(this.i, this.i + 2);
        this.i += 2;
        return char(String.fromCharCode(parseInt(hex, 16)));
      }
      case 't':
        return char('\t');
      case 'n':
        return char('\n');
      case 'r':
        return char('\r');
      case 'f':
        return char('\f');
      case 'v':
        return char('\v');
      case 'c':
        this.i++;
        return { kind: 'other', min: 1 };
      default:
        // \d \D \s \S \w \W, back-references \1…, \0: no literal. Any other escape is the character itself.
        if (e === 'b' || e === 'B') return { kind: 'zero', min: 1 };
        if (/[dDsSwW0-9]/.test(e)) return { kind: 'other', min: 1 };
        return char(e);
    }
  }

  /** [minimum count, whether a quantifier was read]. */
  quantifier(): [number, boolean] {
    const s = this.src;
    const c = s[this.i];
    let min = 1;
    if (c === '*' || c === '?') (min = 0), this.i++;
    else if (c === '+') this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(s.slice(this.i));
      if (!m) throw new Error(`bad quantifier at ${this.i}`);
      min = Number(m[1]);
      this.i += m[0].length;
    } else return [1, false];
    if (s[this.i] === '?') this.i++; // lazy
    return [min, true];
  }
}

/** The literal a pattern item stands for, if it is one plain character. */
function literalOf(it: Item): string | null {
  return it.kind === 'char' ? it.ch : null;
}

const shortest = (set: readonly string[]): number => Math.min(...set.map((x) => x.length));

/** The best requirement of a sequence: its longest literal run, or a mandatory group's alternatives. */
function required(items: readonly Item[]): string[] | null {
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
    if (it.kind === 'group' && it.min >= 1) {
      const r = requiredOfAlternatives(it.alts);
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

function requiredOfAlternatives(alts: readonly Item[][]): string[] | null {
  const out = new Set<string>();
  for (const a of alts) {
    const r = required(a);
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
function prefixes(items: readonly Item[]): string[] | null {
  let run = '';
  for (const it of items) {
    if (it.kind === 'zero' || it.kind === 'start') {
      if (run) break;
      continue;
    }
    const lit = literalOf(it);
    if (lit !== null) {
      run += lit;
      continue;
    }
    if (!run && it.kind === 'group') {
      // A leading group: the match starts with one of its alternatives' prefixes, or, when the
      // group is optional ("(?:additional )?reporting"), with a prefix of what follows it.
      const out = new Set<string>();
      const heads = it.min >= 1 ? it.alts : [...it.alts, items.slice(items.indexOf(it) + 1)];
      for (const a of heads) {
        const r = prefixes(a);
        if (!r) return null;
        for (const x of r) out.add(x);
      }
      return [...out];
    }
    break;
  }
  return run ? [run] : null;
}

/** Whether every alternative begins with `^` (before any character is consumed). */
function anchoredAtStart(alts: readonly Item[][]): boolean {
  return alts.every((a) => {
    for (const it of a) {
      if (it.kind === 'start') return true;
      if (it.kind !== 'zero') return false;
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

function parse(source: string): Item[][] | null {
  try {
    const p = new Parser(source);
    const alts = p.alternatives();
    return p.i === source.length ? alts : null;
  } catch {
    return null;
  }
}

function anywhereOf(alts: readonly Item[][]): string[] | null {
  const r = requiredOfAlternatives(alts);
  return r && r.length > 0 && shortest(r) > 0 ? minimal(r, contains) : null;
}

function prefixesOf(alts: readonly Item[][]): string[] | null {
  if (!anchoredAtStart(alts)) return null;
  const out = new Set<string>();
  for (const a of alts) {
    const r = prefixes(a);
    if (!r) return null;
    for (const x of r) out.add(x);
  }
  return out.size > 0 ? minimal([...out], startsWith) : null;
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
function looksAroundFirst(alts: readonly Item[][]): boolean {
  return alts.some((a) => {
    for (const it of a) {
      if (it.kind === 'zero') return true;
      if (it.kind !== 'start') return false;
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
  const pre = anchored ? prefixesOf(alts) : null;
  if (pre) {
    const firsts = [...new Set(pre.map((p) => String.fromCodePoint(p.codePointAt(0)!)))];
    return {
      filter: looksAroundFirst(alts) ? new RegExp(`^(?:${pre.map(escapeLiteral).join('|')})`, re.flags) : null,
      firstChar: new RegExp(`^(?:${firsts.map(escapeLiteral).join('|')})`, re.flags),
    };
  }
  const any = anywhereOf(alts);
  const worth = any !== null && any.length <= (anchored ? MAX_ANYWHERE_ANCHORED : MAX_ANYWHERE) && shortest(any) >= MIN_ANYWHERE_LENGTH;
  return { filter: worth ? new RegExp(any.map(escapeLiteral).join('|'), re.flags) : null, firstChar: null };
}

/** literalTests(re).filter. */
export const literalFilter = (re: RegExp): RegExp | null => literalTests(re).filter;
