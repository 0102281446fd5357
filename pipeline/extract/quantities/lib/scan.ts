/**
 * The quantity scanner. It walks wink's tokens sentence by sentence, reads a
 * number (digits, words, vague plurals, ranges), then what sits around it:
 * a qualifier and a currency before, a scale, a percent form, a currency name
 * or a unit after, and the measure (the noun phrase of what is counted or
 * paid). Negative rules (years, dates, durations, times, footnotes,
 * identifiers, a lone "one") drop bare numbers that are not amounts.
 *
 * Hand-written because neither wink nor compromise gives values with units,
 * qualifiers and measures: wink's MONEY/PERCENT/CARDINAL entities stop at the
 * number ("$1.5" of "$1.5bn", "2" of "€2bn") and compromise's numbers carry no
 * offsets we can trust without a second pass. wink's DATE/TIME/DURATION
 * entities are used as a negative signal for bare numbers.
 */
import type { NlpLayer, Token } from '../../../adapters/wink.ts';
import type { PhraseTable, QualifierName, Tables } from './data.ts';
import { lexiconTag } from '../../../adapters/compromise.ts';

/** Every field is present (unset ones undefined), so that all quantities share one hidden class. */
export interface RawQuantity {
  start: number;
  end: number;
  value: number;
  upper: number | undefined;
  unit: string;
  qualifier: QualifierName | undefined;
  measure: string | undefined;
  rule: string;
  confidence: number;
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const NUM_RE = new RegExp(`^${NUM}$`);
const RANGE_RE = new RegExp(`^(${NUM})[-–—](${NUM})$`);
const GLUED_SCALE_RE = new RegExp(`^(${NUM})([a-z]{1,3})$`, 'i');
const ORDINAL_RE = /^(\d+)(?:st|nd|rd|th)$/i;
/** A digit pair in one token, "3-1" or "4:1": a ratio next to a ratio cue word, else a score or a time. */
const RATIO_TOKEN_RE = /^(\d{1,3})[-–:](\d{1,3})$/;
/** Scale words that only count glued to the numeral ("5m", "300k"), never spaced ("5 m" is metres). */
const GLUED_ONLY_SCALES = new Set(['m', 'k', 'b']);

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

const isYearLike = (s: string): boolean => /^\d{4}$/.test(s) && Number(s) >= 1000 && Number(s) <= 2100;

interface Ctx {
  text: string;
  tokens: Token[];
  /** Sentence bounds (token indices) of the sentence being scanned. */
  lo: number;
  hi: number;
  t: Tables;
  /** Token index → covered by a wink DATE/TIME/DURATION entity. */
  dateish: Set<number>;
  /** Tokens before this index belong to an earlier quantity. */
  floor: number;
  /** The quantities found so far in the sentence. */
  out: RawQuantity[];
}

const lower = (tok: Token | undefined): string => (tok ? tok.text.toLowerCase() : '');
const glued = (ctx: Ctx, i: number): boolean => {
  const a = ctx.tokens[i - 1];
  const b = ctx.tokens[i];
  return a !== undefined && b !== undefined && a.end === b.start;
};

/** Longest phrase of `table` starting at token i (inside the sentence): [value, end token exclusive]. */
function matchAt<T>(ctx: Ctx, table: PhraseTable<T>, i: number): { value: T; end: number } | undefined {
  const first = lower(ctx.tokens[i]);
  const list = table.byFirst.get(first);
  if (!list) return undefined;
  for (const entry of list) {
    if (i + entry.words.length > ctx.hi) continue;
    let ok = true;
    for (let k = 1; k < entry.words.length; k++) {
      if (lower(ctx.tokens[i + k]) !== entry.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return { value: entry.value, end: i + entry.words.length };
  }
  return undefined;
}

/** Longest phrase of `table` ending right before token `end`, starting at or after `min`. */
function matchBefore<T>(ctx: Ctx, table: PhraseTable<T>, end: number, min: number): { value: T; start: number } | undefined {
  for (let k = Math.max(min, end - 4); k < end; k++) {
    const m = matchAt(ctx, table, k);
    if (m && m.end === end) return { value: m.value, start: k };
  }
  return undefined;
}

interface Core {
  start: number; // token index
  end: number; // exclusive
  value: number;
  upper: number | undefined;
  /** Written in digits (not words). */
  digits: boolean;
  /** A scale word was applied ("billion", "bn"). */
  scaled: boolean;
  vague: boolean;
  /** The bare word "one" (or "One"), nothing else. */
  loneOne: boolean;
  /** The digit string when the core is one plain token. */
  plain: string | undefined;
}

/** A core with every field set in one order, so that all cores share one hidden class (spreads and deletes made several). */
function newCore(start: number, end: number, value: number, upper: number | undefined, digits: boolean, scaled: boolean, vague: boolean, loneOne = false, plain?: string): Core {
  return { start, end, value, upper, digits, scaled, vague, loneOne, plain };
}

/** Spelled-out number from token i: "six", "twenty-five", "one hundred and six", "two million". */
function wordNumber(ctx: Ctx, i: number): Core | undefined {
  const { tokens, t } = ctx;
  let j = i;
  let total = 0;
  let current = 0;
  let any = false;
  let scaled = false;
  while (j < ctx.hi) {
    const w = lower(tokens[j]);
    const n = w === 'dozen' ? undefined : t.numberWords.get(w);
    if (n !== undefined) {
      // "twenty five" continues a number, "five six" or "twenty thirty" does not
      const units = current % 10;
      const tens = current % 100;
      if (any && (units !== 0 || (n >= 10 && tens !== 0))) break;
      current += n;
      any = true;
      j++;
      // "twenty-five": a glued hyphen and another number word
      if (lower(tokens[j]) === '-' && glued(ctx, j) && glued(ctx, j + 1) && t.numberWords.has(lower(tokens[j + 1]))) j++;
      continue;
    }
    if (!any) return undefined;
    if (w === 'hundred') {
      current = (current || 1) * 100;
      scaled = true;
      j++;
      if (lower(tokens[j]) === 'and' && t.numberWords.has(lower(tokens[j + 1]))) j++;
      continue;
    }
    if (w === 'dozen') {
      current = (current || 1) * 12;
      j++;
      continue;
    }
    const s = t.scales.get(w);
    if (s !== undefined && s >= 1000 && !GLUED_ONLY_SCALES.has(w)) {
      total += (current || 1) * s;
      current = 0;
      scaled = true;
      j++;
      continue;
    }
    break;
  }
  if (!any) return undefined;
  const value = total + current;
  return newCore(i, j, value, undefined, false, scaled, false, j === i + 1 && value === 1);
}

/** Apply scale words after a core ("3.5 billion", "2bn", "5m"). */
function applyScales(ctx: Ctx, core: Core): Core {
  let j = core.end;
  let value = core.value;
  let upper = core.upper;
  let scaled = core.scaled;
  while (j < ctx.hi) {
    // "271-million dollars": a glued hyphen before a scale word is only spelling
    if (lower(ctx.tokens[j]) === '-' && glued(ctx, j) && glued(ctx, j + 1) && ctx.t.scales.has(lower(ctx.tokens[j + 1])) && !GLUED_ONLY_SCALES.has(lower(ctx.tokens[j + 1]))) j++;
    const w = lower(ctx.tokens[j]);
    const s = ctx.t.scales.get(w);
    if (s === undefined) break;
    if (GLUED_ONLY_SCALES.has(w) && !glued(ctx, j)) break;
    // "m" or "b" before a glued word is not a scale ("5 m-long"); fine to ignore here.
    value *= s;
    if (upper !== undefined) upper *= s;
    scaled = true;
    j++;
  }
  return newCore(core.start, j, value, upper, core.digits, scaled, core.vague, scaled ? false : core.loneOne, core.plain);
}

/** A number core starting at token i, or undefined. */
function readCore(ctx: Ctx, i: number): Core | undefined {
  const tok = ctx.tokens[i];
  if (!tok) return undefined;
  if (NUM_RE.test(tok.text)) {
    return applyScales(ctx, newCore(i, i + 1, num(tok.text), undefined, true, false, false, false, tok.text));
  }
  const r = RANGE_RE.exec(tok.text);
  if (r) return rangeCore(ctx, i, r[1]!, r[2]!);
  const g = GLUED_SCALE_RE.exec(tok.text);
  if (g && ctx.t.scales.has(g[2]!.toLowerCase())) {
    return applyScales(ctx, newCore(i, i + 1, num(g[1]!) * ctx.t.scales.get(g[2]!.toLowerCase())!, undefined, true, true, false));
  }
  return wordCore(ctx, i, tok.text.toLowerCase());
}

/** A range in one token ("20-30"), unless it reads as a score, a phone number or a span of years. */
function rangeCore(ctx: Ctx, i: number, a: string, b: string): Core | undefined {
  const lo = num(a);
  const hi = num(b);
  const leadingZero = /^0\d/.test(a) || /^0\d/.test(b);
  const phoneLike = /^\d{3}$/.test(a) && /^\d{4}$/.test(b);
  if (hi <= lo || leadingZero || phoneLike || (isYearLike(a) && isYearLike(b))) return undefined;
  return applyScales(ctx, newCore(i, i + 1, lo, hi, true, false, false));
}

/** A core in words from token i (its text in lower case `w`): an article or "half" before a scale or fraction, a vague plural or determiner, a spelled-out number. */
function wordCore(ctx: Ctx, i: number, w: string): Core | undefined {
  const { tokens, t } = ctx;
  // "a dozen", "a hundred", "a million", "half a million"
  if ((w === 'a' || w === 'an') && i + 1 < ctx.hi) {
    const n = lower(tokens[i + 1]);
    const s = n === 'dozen' ? 12 : t.scales.get(n);
    if (s !== undefined && !GLUED_ONLY_SCALES.has(n) && s >= 12) {
      return applyScales(ctx, newCore(i, i + 2, s, undefined, false, s >= 100, false));
    }
  }
  if ((w === 'a' || w === 'an') && t.fractions.has(lower(tokens[i + 1])) && lower(tokens[i + 2]) === 'of') {
    return newCore(i, i + 1, 1, undefined, false, false, false);
  }
  // "half of the voters": an empty core of one, which the fraction step below divides by two
  if (w === 'half' && lower(tokens[i + 1]) === 'of') {
    return newCore(i, i, 1, undefined, false, false, false);
  }
  if (w === 'half' && lower(tokens[i + 1]) === 'a') {
    const n = lower(tokens[i + 2]);
    const s = t.scales.get(n);
    if (s !== undefined && s >= 100 && !GLUED_ONLY_SCALES.has(n)) {
      return newCore(i, i + 3, s / 2, undefined, false, true, false);
    }
  }
  const v = t.vague.get(w);
  if (v) return vagueCore(ctx, i, w, v);
  // "several hundred", "a few thousand"
  const det = matchAt(ctx, t.vagueDeterminers, i);
  if (det) {
    const n = lower(tokens[det.end]);
    const s = t.scales.get(n);
    if (s !== undefined && s >= 100 && !GLUED_ONLY_SCALES.has(n)) {
      return newCore(i, det.end + 1, 2 * s, 10 * s - 1, false, true, true);
    }
    return undefined;
  }
  const word = wordNumber(ctx, i);
  return word ? applyScales(ctx, word) : undefined;
}

/** Vague plurals: "hundreds", "tens of thousands", "hundreds of thousands". */
function vagueCore(ctx: Ctx, i: number, w: string, v: { value: number; upper: number }): Core | undefined {
  const { tokens, t } = ctx;
  let value = v.value;
  let upper = v.upper;
  let end = i + 1;
  const next = lower(tokens[i + 2]);
  const scale = next.endsWith('s') ? t.scales.get(next.slice(0, -1)) : undefined;
  if (lower(tokens[i + 1]) === 'of' && scale !== undefined && scale >= 1000) {
    value = v.value * scale;
    upper = (v.upper + 1) * scale - 1;
    end = i + 3;
  } else if (w === 'tens' || w === 'scores') {
    if (lower(tokens[i + 1]) !== 'of') return undefined;
  }
  return newCore(i, end, value, upper, false, true, true);
}

/** The measure noun phrase starting at token i: [first kept token, head end token exclusive]. */
function nounPhrase(ctx: Ctx, i: number, noNames = false): { start: number; end: number } | undefined {
  const { tokens, t } = ctx;
  let j = i;
  let head = -1;
  let sawLowerNoun = false;
  while (j < ctx.hi && j < i + 6) {
    const tok = tokens[j]!;
    const w = tok.text.toLowerCase();
    if (t.dateWords.has(w) || t.timeUnits.has(w) || t.measureStops.has(w) || ctx.dateish.has(j)) break;
    if (noNames && tok.pos === 'PROPN') return undefined;
    // a possessive inside the phrase: "Belarus's exports"
    if (/^['’]s$/.test(tok.text) && head >= 0 && glued(ctx, j)) {
      sawLowerNoun = false;
      j++;
      continue;
    }
    if (!/^[\p{L}][\p{L}'’.-]*$/u.test(tok.text)) {
      // a glued hyphen inside a compound ("cross-border") is part of the word
      if (tok.text === '-' && glued(ctx, j) && glued(ctx, j + 1) && head >= 0) {
        j++;
        continue;
      }
      break;
    }
    const isNoun = tok.pos === 'NOUN' || tok.pos === 'PROPN';
    if (isNoun) {
      // a capitalised name right after a lower-case noun starts a new phrase
      if (tok.pos === 'PROPN' && sawLowerNoun) break;
      // a plural noun ends a compound ("people votes": the verb mis-tagged as a noun)
      if (head >= 0 && tokens[head]!.pos === 'NOUN' && isPlural(tokens[head])) break;
      if (tok.pos === 'NOUN') sawLowerNoun = true;
      head = j;
      j++;
      continue;
    }
    if (head >= 0) break; // after the head only nouns continue the phrase
    // a verb form before a noun modifies it: "wounded soldiers", "lost trade", and a bare
    // form before a singular noun is a compound wink tags as a verb ("pay rise")
    const nextTok = tokens[j + 1];
    const participle =
      tok.pos === 'VERB' &&
      nextTok !== undefined &&
      (/^(?:NOUN|ADJ)$/.test(nextTok.pos) || (nextTok.pos === 'PROPN' && /ed$/.test(w))) &&
      (/(?:ed|ing)$/.test(w) || tok.lemma.toLowerCase() !== w || (nextTok.pos === 'NOUN' && !isPlural(nextTok)));
    if (tok.pos === 'ADJ' || participle) {
      j++;
      continue;
    }
    break;
  }
  if (head < 0) return undefined;
  let s = i;
  while (s < head && t.dropModifiers.has(lower(tokens[s]))) s++;
  return { start: s, end: head + 1 };
}

/** A measure's noun phrase [start, end) in tokens, and where the quantity's span ends (after the phrase, or before a partitive "of"). */
interface Measure {
  start: number;
  end: number;
  spanEnd: number;
}

/** The measure after token i: directly, or after "of"/"in"/"worth of" (+ a determiner) when allowed. */
function measureAfter(ctx: Ctx, i: number, via: readonly string[], direct: boolean): Measure | undefined {
  if (direct) {
    const np = nounPhrase(ctx, i);
    if (np) return { start: np.start, end: np.end, spanEnd: np.end };
  }
  let j = i;
  if (lower(ctx.tokens[j]) === 'worth' && lower(ctx.tokens[j + 1]) === 'of') j++;
  if (!via.includes(lower(ctx.tokens[j]))) return undefined;
  j++;
  const d = ctx.tokens[j];
  // after "in" no determiner: "$7bn in aid", not "$7bn in the same period"
  if (d && d.pos === 'DET' && lower(ctx.tokens[i]) === 'in') return undefined;
  if (d && (d.pos === 'DET' || (d.pos === 'PRON' && /^(?:its|their|his|her|our|my|your)$/i.test(d.text)))) j++;
  // after "in" only a common noun is what was paid ("$7bn in aid", not "$7bn in Moscow")
  const np = nounPhrase(ctx, j, lower(ctx.tokens[i]) === 'in');
  return np ? { start: np.start, end: np.end, spanEnd: np.end } : undefined;
}

/**
 * "four to one", "two-to-one", "4 to 1": X to Y with Y smaller than X (ranges go up) is a ratio.
 * Returns the end token (exclusive) and the ratio X/Y, or undefined.
 */
function ratioAfter(ctx: Ctx, core: Core, left: number): { end: number; value: number } | undefined {
  const { tokens, t } = ctx;
  if (core.upper !== undefined || core.vague || core.scaled || core.value <= 0) return undefined;
  let k = core.end;
  if (lower(tokens[k]) === '-' && glued(ctx, k)) k++;
  if (lower(tokens[k]) !== 'to' || k >= ctx.hi) return undefined;
  k++;
  if (lower(tokens[k]) === '-' && glued(ctx, k)) k++;
  const second = readCore(ctx, k);
  if (!second || second.upper !== undefined || second.vague || second.scaled || second.digits !== core.digits) return undefined;
  if (!(second.value > 0 && second.value < core.value)) return undefined;
  // "cut from 10 to 5", "4 to 1 percent": a change or a unit, not a ratio
  if (lower(tokens[core.start - 1]) === 'from' || lower(tokens[core.start - 2]) === 'from') return undefined;
  const e = second.end;
  if (matchAt(ctx, t.percent, e) || matchAt(ctx, t.currencyNames, e) || matchAt(ctx, t.units, e) || t.timeUnits.has(lower(tokens[e]))) return undefined;
  if (/^[.:]$/.test(tokens[e]?.text ?? '') && /^\d/.test(tokens[e + 1]?.text ?? '') && glued(ctx, e + 1)) return undefined;
  // "nine to five", "open 9 to 5": only "X to one" in words, or a cue word ("margin", "ratio") or "by" next to it
  const toOne = !core.digits && second.value === 1;
  if (!toOne && !ratioCueNear(ctx, left, e - 1) && lower(tokens[left - 1]) !== 'by') return undefined;
  return { end: e, value: Math.round((core.value / second.value) * 10000) / 10000 };
}

/** After a partitive "of": (determiner | possessor's) (qualifier) figure + noun phrase → that noun phrase. */
function partitiveTotal(ctx: Ctx, j: number): { start: number; end: number } | undefined {
  const { tokens, t } = ctx;
  const d = tokens[j];
  if (d && (d.pos === 'DET' || (d.pos === 'PRON' && /^(?:its|their|his|her|our|my|your)$/i.test(d.text)))) j++;
  // "the region's": a possessor of up to three words before a glued "'s" or "'"
  for (let k = j; k < j + 4 && k < ctx.hi; k++) {
    const x = tokens[k]!;
    if (/^['’]s?$/.test(x.text) && glued(ctx, k) && k > j) {
      j = k + 1;
      break;
    }
    if (!/^[\p{L}]/u.test(x.text)) break;
  }
  const q = matchAt(ctx, t.qualifiers, j);
  if (q) j = q.end;
  const second = readCore(ctx, j);
  if (!second || second.vague || second.loneOne) return undefined;
  const np = nounPhrase(ctx, second.end);
  return np;
}

/** A ratio cue word ("margin", "ratio") within three tokens before token i or right after token last. */
function ratioCueNear(ctx: Ctx, i: number, last = i): boolean {
  for (let k = Math.max(ctx.lo, i - 3); k < i; k++) if (ctx.t.ratioCues.has(lower(ctx.tokens[k]))) return true;
  return ctx.t.ratioCues.has(lower(ctx.tokens[last + 1]));
}

const isAcronym = (tok: Token | undefined): boolean => tok !== undefined && tok.pos === 'PROPN' && /^\p{Lu}{2,}$/u.test(tok.text);

/**
 * wink tags any capitalised sentence-initial word as a proper noun ("Turnout was 52 percent").
 * Such a word is read as a common noun when the lexicon's measureNouns list has it, compromise's
 * dictionary knows it as a common word (a lookup, not its tagger), or the document also writes it
 * in lower case. Names ("Sandu was 30 percent ahead") pass none of these.
 */
function commonAtStart(ctx: Ctx, j: number): boolean {
  const tok = ctx.tokens[j];
  if (!tok || tok.pos !== 'PROPN' || j !== ctx.lo || !/^\p{Lu}\p{Ll}+$/u.test(tok.text)) return false;
  const w = tok.text.toLowerCase();
  if (ctx.t.measureNouns.has(w) || lexiconTag(w) === 'common') return true;
  return new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u').test(ctx.text);
}

/** A noun phrase whose head is token j, extended left over nouns, adjectives and acronyms (not across a possessive or determiner). */
function nounPhraseEndingAt(ctx: Ctx, j: number, names: boolean): { start: number; end: number } | undefined {
  const { tokens, t } = ctx;
  const head = tokens[j];
  if (!head || j < ctx.lo) return undefined;
  const w = head.text.toLowerCase();
  if (t.dateWords.has(w) || t.timeUnits.has(w) || t.measureStops.has(w) || ctx.dateish.has(j)) return undefined;
  if (!(head.pos === 'NOUN' || isAcronym(head) || commonAtStart(ctx, j) || (names && head.pos === 'PROPN'))) return undefined;
  if (!/^[\p{L}][\p{L}'’.-]*$/u.test(head.text)) return undefined;
  let s = j;
  while (s - 1 >= ctx.lo) {
    const p = tokens[s - 1]!;
    // a glued hyphen compound is one modifier: "double-digit inflation"
    if (p.text === '-' && glued(ctx, s - 1) && glued(ctx, s) && s - 2 >= ctx.lo && /^[\p{L}\d]/u.test(tokens[s - 2]!.text)) {
      s -= 2;
      continue;
    }
    if (!/^[\p{L}][\p{L}'’.-]*$/u.test(p.text) || ctx.dateish.has(s - 1)) break;
    if (p.pos === 'NOUN' || p.pos === 'ADJ' || isAcronym(p) || (names && p.pos === 'PROPN')) s--;
    else break;
  }
  while (s < j && t.dropModifiers.has(lower(tokens[s]))) s++;
  return { start: s, end: j + 1 };
}

/**
 * The measure before a percentage with nothing measured after it: the subject of a change or
 * level verb right before the figure ("exports fell by 12%", "turnout was 52 percent", "GDP is
 * forecast to contract by 3.5-4 percent", "inflation that peaked at 34.6 percent"), or the object
 * of a change verb before "by" ("cut deliveries by 30 percent"). One prepositional phrase is kept
 * ("the share of women was 30 percent" → "share of women"). Cheap: wink POS and lemmas only.
 */
function measureBefore(ctx: Ctx, left: number): { start: number; end: number } | undefined {
  const { tokens, t, lo } = ctx;
  let j = left - 1;
  let prep = '';
  if (j >= lo && /^(?:by|to|at|of|around|near)$/.test(lower(tokens[j]))) {
    prep = lower(tokens[j]);
    j--;
  }
  if (prep === 'by') {
    const np = withPP(ctx, nounPhraseEndingAt(ctx, j, false));
    const v = np ? tokens[np.start - 1] : undefined;
    if (np && v && np.start - 1 >= lo && v.pos === 'VERB' && t.objectVerbs.has(v.lemma.toLowerCase())) return np;
  }
  if (j >= lo && tokens[j]!.pos === 'ADV') j--;
  const v = tokens[j];
  if (!v || j < lo || !(v.pos === 'VERB' || v.pos === 'AUX')) return undefined;
  if (!t.subjectVerbs.has(v.lemma.toLowerCase()) && !t.subjectVerbs.has(v.text.toLowerCase())) return undefined;
  j--;
  // the rest of the verb group: "is forecast to", "has", "may", "was expected to", "could"
  for (let k = 0; k < 5 && j >= lo; k++) {
    const g = tokens[j]!;
    const verbBeforeTo = g.pos === 'VERB' && lower(tokens[j + 1]) === 'to';
    if (g.pos === 'AUX' || g.pos === 'PART' || g.pos === 'ADV' || verbBeforeTo) j--;
    else break;
  }
  // a relative clause: "inflation that peaked at 34.6 percent"
  if (j >= lo && /^(?:that|which)$/.test(lower(tokens[j]))) {
    j--;
    if (j >= lo && tokens[j]!.text === ',') j--;
  }
  return withPP(ctx, nounPhraseEndingAt(ctx, j, true), true);
}

/** Extend a noun phrase over up to two "of/for/in/to…" phrases to the noun before it; a bare name alone is refused when `strict`. */
function withPP(ctx: Ctx, np: { start: number; end: number } | undefined, strict = false): { start: number; end: number } | undefined {
  if (!np) return undefined;
  const { tokens } = ctx;
  let start = np.start;
  let extended = false;
  // up to two phrases: "the share of women in parliament"
  for (let n = 0; n < 2; n++) {
    let p = start - 1;
    if (p >= ctx.lo && tokens[p]!.pos === 'DET') p--;
    if (!(p - 1 >= ctx.lo && /^(?:of|for|in|among|to|from|on|at|with)$/.test(lower(tokens[p])))) break;
    const outer = nounPhraseEndingAt(ctx, p - 1, n > 0);
    if (!outer) break;
    start = outer.start;
    extended = true;
  }
  const first = tokens[start]!;
  if (extended && (first.pos !== 'PROPN' || isAcronym(first) || commonAtStart(ctx, start))) return { start, end: np.end };
  const head = tokens[np.end - 1]!;
  if (strict && head.pos === 'PROPN' && !isAcronym(head) && !commonAtStart(ctx, np.end - 1)) return undefined;
  return np;
}

function isPlural(tok: Token | undefined): boolean {
  if (!tok) return false;
  const w = tok.text.toLowerCase();
  return (tok.lemma && tok.lemma.toLowerCase() !== w) || /[^s]s$/.test(w) || /^(?:people|men|women|children|police|staff|personnel|troops|cattle)$/.test(w);
}

/**
 * The lower-case words a quantity can start with, other than a digit: rank cues, and what
 * readCore reads ("a"/"an" before a scale or fraction, "half", vague plurals, the first words
 * of vague determiners, number words). A token that is none of them and does not start with a
 * digit starts nothing (no rank, no ratio token, no core): scanSentence skips it without the
 * lookups and regexes it would otherwise try (most tokens are such words).
 */
interface StartWords {
  words: Set<string>;
  /** The longest start word: lower-casing never shortens a string, so a longer token is none. */
  maxLength: number;
  /** By ASCII code: whether a token starting with that character can lower-case to a start word. */
  asciiFirst: Uint8Array;
}

const startWordsOf = new WeakMap<Tables, StartWords>();
function startWords(t: Tables): StartWords {
  let sw = startWordsOf.get(t);
  if (!sw) {
    const words = new Set(['a', 'an', 'half', ...t.rankCues, ...t.vague.keys(), ...t.vagueDeterminers.byFirst.keys(), ...t.numberWords.keys()]);
    const firsts = new Set([...words].map((w) => w[0]));
    const asciiFirst = new Uint8Array(128);
    for (let c = 0; c < 128; c++) asciiFirst[c] = firsts.has(String.fromCharCode(c).toLowerCase()) ? 1 : 0;
    sw = { words, maxLength: Math.max(...[...words].map((w) => w.length)), asciiFirst };
    startWordsOf.set(t, sw);
  }
  return sw;
}

/** Whether a token can start a quantity: a digit first, or a start word (cheap exact rejections first: length, first character). */
function mayStart(sw: StartWords, text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  if (text.length > sw.maxLength || (c < 128 && sw.asciiFirst[c] === 0)) return false;
  return sw.words.has(text.toLowerCase());
}

/** Scan one sentence's tokens [lo, hi). */
export function scanSentence(text: string, layer: NlpLayer, lo: number, hi: number, t: Tables, dateish: Set<number>): RawQuantity[] {
  const ctx: Ctx = { text, tokens: layer.tokens, lo, hi, t, dateish, floor: lo, out: [] };
  const { tokens } = ctx;
  const starts = startWords(t);
  for (let i = lo; i < hi; i++) {
    if (i < ctx.floor) continue;
    const tok = tokens[i]!;
    if (!mayStart(starts, tok.text)) continue;
    if (t.rankCues.has(tok.text.toLowerCase())) i = scanRank(ctx, i);
    else if (!scanRatioToken(ctx, i)) i = scanNumber(ctx, i);
  }
  return ctx.out;
}

/** Ranks: "ranked 157", "ranks 12th", "ranked at 40" after the rank cue at token i. Returns the token to go on after. */
function scanRank(ctx: Ctx, i: number): number {
  const { tokens, text, hi } = ctx;
  let j = i + 1;
  if (lower(tokens[j]) === 'at' || lower(tokens[j]) === 'no.' || lower(tokens[j]) === 'number') j++;
  const rt = tokens[j];
  const m = rt ? ORDINAL_RE.exec(rt.text) ?? (/^\d+$/.test(rt.text) ? [rt.text, rt.text] : null) : null;
  if (!m || j >= hi) return i;
  // "ranked 157 out of 180 countries": the field is part of the rank, and names its measure
  let e = j + 1;
  let measure: { start: number; end: number } | undefined;
  const o = lower(tokens[e]) === 'out' && lower(tokens[e + 1]) === 'of' ? e + 2 : lower(tokens[e]) === 'of' ? e + 1 : -1;
  if (o > 0 && /^\d[\d,]*$/.test(tokens[o]?.text ?? '') && o < hi) {
    e = o + 1;
    measure = nounPhrase(ctx, e);
    if (measure) e = measure.end;
  }
  ctx.out.push({
    start: tokens[i]!.start,
    end: tokens[e - 1]!.end,
    value: Number(m[1]),
    upper: undefined,
    unit: 'rank',
    qualifier: undefined,
    measure: measure ? text.slice(tokens[measure.start]!.start, tokens[measure.end - 1]!.end) : undefined,
    rule: 'quantity/rank',
    confidence: 0.85,
  });
  ctx.floor = e;
  return e - 1;
}

/** Ratios written as one token next to a cue: "a 3-1 margin", "a ratio of 4:1". Whether token i was one. */
function scanRatioToken(ctx: Ctx, i: number): boolean {
  const tok = ctx.tokens[i]!;
  const rt = RATIO_TOKEN_RE.exec(tok.text);
  if (!(rt && Number(rt[2]) > 0 && (Number(rt[1]) > Number(rt[2]) || tok.text.includes(':')) && ratioCueNear(ctx, i))) return false;
  const q0 = matchBefore(ctx, ctx.t.qualifiers, i, Math.max(ctx.floor, ctx.lo));
  const s0 = q0 ? q0.start : i;
  ctx.out.push({
    start: ctx.tokens[s0]!.start,
    end: tok.end,
    value: Math.round((Number(rt[1]) / Number(rt[2])) * 10000) / 10000,
    upper: undefined,
    unit: 'ratio',
    qualifier: q0 ? q0.value : undefined,
    measure: undefined,
    rule: 'quantity/ratio',
    confidence: 0.85,
  });
  ctx.floor = i + 1;
  return true;
}

/** One number being read, from its core out to its unit and measure; every field is set from the start. */
interface Reading {
  core: Core;
  /** First token of the quantity's span (a currency, a qualifier, "between"). */
  left: number;
  /** The token after the figure (and its unit, once read). */
  end: number;
  unit: string | undefined;
  currencyBefore: boolean;
  qualifier: QualifierName | undefined;
  between: boolean;
  rule: string;
  fraction: boolean;
  /** The words that may lead to the measure ("of", "in"), and whether it may follow directly. */
  measureVia: readonly string[];
  direct: boolean;
  measure: Measure | undefined;
}

const VIA_NONE: readonly string[] = [];
const VIA_OF: readonly string[] = ['of'];
const VIA_IN_OF: readonly string[] = ['in', 'of'];

/** A number from token i with what sits around it, kept as a quantity unless a negative rule drops it. Returns the token to go on after. */
function scanNumber(ctx: Ctx, i: number): number {
  const core = readCore(ctx, i);
  if (!core) return i;
  const r: Reading = {
    core,
    left: core.start,
    end: core.end,
    unit: undefined,
    currencyBefore: false,
    qualifier: undefined,
    between: false,
    rule: 'quantity/count',
    fraction: false,
    measureVia: VIA_NONE,
    direct: true,
    measure: undefined,
  };
  readLeft(ctx, r);
  // ---- ratios: "four to one", "two-to-one", "by a margin of 3 to 1" (X/Y, see the lexicon's ratioCues note)
  if (!r.between && r.unit === undefined) {
    const ratio = ratioAfter(ctx, core, r.left);
    if (ratio) {
      ctx.out.push({
        start: ctx.tokens[r.left]!.start,
        end: ctx.tokens[ratio.end - 1]!.end,
        value: ratio.value,
        upper: undefined,
        unit: 'ratio',
        qualifier: r.qualifier,
        measure: undefined,
        rule: 'quantity/ratio',
        confidence: 0.85,
      });
      ctx.floor = ratio.end;
      return ctx.floor - 1;
    }
  }
  readRange(ctx, r);
  // the number's tokens are spent whether or not it turns out to be a quantity ("April 8–18": not "18" again)
  ctx.floor = Math.max(ctx.floor, r.end);
  // "between" without a second number is not a range: give it back
  if (r.between && r.core.upper === undefined) r.left++;
  readFraction(ctx, r);
  readUnit(ctx, r);
  if (r.rule === 'quantity/count' && modifiesNoun(ctx, r.end)) return i;
  if (r.unit === undefined) {
    r.unit = 'count';
    r.measureVia = VIA_OF;
  }
  readMeasure(ctx, r);
  if (rejected(ctx, r)) return i;
  ctx.out.push(quantityOf(ctx, r, r.unit));
  ctx.floor = r.measure ? r.measure.spanEnd : r.end;
  return ctx.floor - 1;
}

/** Left context: a currency symbol or code, then a qualifier, or "between". */
function readLeft(ctx: Ctx, r: Reading): void {
  const { tokens, t } = ctx;
  const prev = tokens[r.left - 1];
  if (prev && r.left - 1 >= ctx.floor) {
    const p = prev.text.toLowerCase();
    const sym = t.symbols.get(p);
    const code = /^[A-Z]{3}$/.test(prev.text) ? t.codes.get(prev.text) : undefined;
    const wp = t.wordPrefixes.get(p);
    if (sym !== undefined) {
      r.unit = sym;
      r.left--;
      r.currencyBefore = true;
    } else if (code !== undefined || wp !== undefined) {
      r.unit = code ?? wp;
      r.left--;
      r.currencyBefore = true;
    }
  }
  if (lower(tokens[r.left - 1]) === 'between' && r.left - 1 >= ctx.floor) {
    r.between = true;
    r.left--;
  } else {
    const q = matchBefore(ctx, t.qualifiers, r.left, Math.max(ctx.floor, ctx.lo));
    if (q) {
      r.qualifier = q.value;
      r.left = q.start;
    }
  }
}

/** Ranges: "between 20 and 30", "3 to 4", "$3-$4". */
function readRange(ctx: Ctx, r: Reading): void {
  const { tokens, t } = ctx;
  const core = r.core;
  const link = lower(tokens[r.end]);
  if (!((r.between && link === 'and') || (!r.between && (link === 'to' || link === '–' || link === '-') && lower(tokens[r.left - 1]) !== 'from' && core.digits))) return;
  let k = r.end + 1;
  if (r.unit !== undefined && t.symbols.get(lower(tokens[k])) === r.unit) k++;
  const second = readCore(ctx, k);
  if (!second || second.upper !== undefined || second.vague) return;
  let lowV = core.value;
  // "between 3 and 4 billion": the first end takes the second's scale
  if (second.scaled && !core.scaled && second.value > 0) {
    const coef = Number(tokens[second.start]!.text.replace(/,/g, ''));
    if (Number.isFinite(coef) && coef > 0) lowV = core.value * (second.value / coef);
  }
  if (second.value > lowV) {
    r.core = newCore(core.start, second.end, lowV, second.value, core.digits, core.scaled || second.scaled, core.vague, false, core.plain);
    r.end = second.end;
  }
}

/** Fractions: "two thirds", "a quarter" (+ "of" the measure); value rounded to 4 places. */
function readFraction(ctx: Ctx, r: Reading): void {
  const { tokens, t } = ctx;
  // "a 25,000-dollar bonus", "a 10-percent rise": a glued hyphen before a currency, percent or unit word
  if (lower(tokens[r.end]) === '-' && glued(ctx, r.end) && glued(ctx, r.end + 1)) {
    const k = r.end + 1;
    if (matchAt(ctx, t.currencyNames, k) || matchAt(ctx, t.percent, k) || matchAt(ctx, t.units, k)) r.end = k;
  }
  const { core, end } = r;
  // "one-third", "two-thirds": a glued hyphen between the number and the fraction word
  const hyphenFraction = lower(tokens[end]) === '-' && glued(ctx, end) && glued(ctx, end + 1) && t.fractions.has(lower(tokens[end + 1]));
  const fracAt = hyphenFraction ? end + 1 : end;
  const denom = t.fractions.get(lower(tokens[fracAt]));
  // "three quarters" with no "of" is a span of time ("in two quarters"), which the dates extractor owns
  const timeFraction = !hyphenFraction && t.timeUnits.has(lower(tokens[fracAt])) && lower(tokens[fracAt + 1]) !== 'of';
  if (denom === undefined || timeFraction || core.digits || core.upper !== undefined || core.vague) return;
  const n = core.start + 1 === core.end && /^an?$/.test(lower(tokens[core.start])) ? 1 : core.value;
  if (n > 0 && (n < denom || denom === 2)) {
    r.core = newCore(core.start, fracAt + 1, Math.round((n / denom) * 10000) / 10000, core.upper, core.digits, core.scaled, core.vague, false, core.plain);
    r.end = fracAt + 1;
    ctx.floor = Math.max(ctx.floor, r.end);
    r.fraction = true;
  }
}

/** Right context: percent, currency name or code, unit. */
function readUnit(ctx: Ctx, r: Reading): void {
  const { tokens, t } = ctx;
  const pct = matchAt(ctx, t.percent, r.end);
  const isPointsOnly = pct !== undefined && pct.value === 'point' && !/percentage|basis/.test(lower(tokens[r.end]));
  if (r.fraction) {
    r.unit = 'fraction';
    r.rule = 'quantity/fraction';
    r.measureVia = VIA_OF;
    // "the one-third threshold", "a two-thirds majority": the noun right after is the measure
    r.direct = lower(tokens[r.end]) !== 'of';
  } else if (pct && !isPointsOnly && r.unit === undefined) {
    r.unit = pct.value;
    r.end = pct.end;
    r.rule = 'quantity/percent';
    r.measureVia = VIA_OF;
  } else readMoneyOrUnit(ctx, r);
}

/** A currency name or code after the figure, "pounds" (money or weight), or a unit of measure. */
function readMoneyOrUnit(ctx: Ctx, r: Reading): void {
  const { tokens, t } = ctx;
  const name = r.unit === undefined ? matchAt(ctx, t.currencyNames, r.end) : undefined;
  const code = r.unit === undefined && /^[A-Z]{3}$/.test(tokens[r.end]?.text ?? '') ? t.codes.get(tokens[r.end]!.text) : undefined;
  const pound = r.unit === undefined && !name && code === undefined ? t.poundWords.get(lower(tokens[r.end])) : undefined;
  let weight = false;
  if (name) {
    r.unit = name.value;
    r.end = name.end;
  } else if (code !== undefined) {
    r.unit = code;
    r.end++;
  } else if (pound !== undefined) {
    if (poundsAreMoney(ctx, r)) r.unit = pound;
    else {
      r.unit = t.poundWeightUnit;
      weight = true;
    }
    r.end++;
  }
  if (weight) {
    r.rule = 'quantity/unit';
    r.measureVia = VIA_OF;
    r.direct = false;
  } else if (r.unit !== undefined) {
    r.rule = 'quantity/money';
    r.measureVia = VIA_IN_OF;
  } else {
    const u = matchAt(ctx, t.units, r.end);
    if (u) {
      r.unit = u.value;
      r.end = u.end;
      r.rule = 'quantity/unit';
      r.measureVia = VIA_OF;
      r.direct = false;
    }
  }
}

/** "pounds" at r.end: money in a money context, else a weight (see the lexicon's pounds note). */
function poundsAreMoney(ctx: Ctx, r: Reading): boolean {
  const { tokens, t } = ctx;
  const ofNoun = lower(tokens[r.end + 1]) === 'of' ? measureAfter(ctx, r.end + 1, VIA_OF, false) : undefined;
  const ofOther = ofNoun !== undefined && !t.moneyCues.has(lower(tokens[ofNoun.end - 1]));
  return !ofOther && !sentenceHas(ctx, t.weightCues) && ((r.core.scaled && r.core.value >= 1e6) || sentenceHas(ctx, t.moneyCues));
}

/** Whether a word of the sentence (in lower case) is in `words`. */
function sentenceHas(ctx: Ctx, words: ReadonlySet<string>): boolean {
  for (let k = ctx.lo; k < ctx.hi; k++) if (words.has(lower(ctx.tokens[k]))) return true;
  return false;
}

/**
 * A plain count followed by a time noun (durations, dates and times belong to the dates
 * extractor), or glued into a compound modifier ("two-step process", "a 20-member delegation",
 * "15-year-old"): it describes the noun, it does not count it.
 */
function modifiesNoun(ctx: Ctx, end: number): boolean {
  const after = lower(ctx.tokens[end]);
  if (ctx.t.timeUnits.has(after)) return true;
  return after === '-' && glued(ctx, end) && glued(ctx, end + 1);
}

/** The measure: what is counted or paid. */
function readMeasure(ctx: Ctx, r: Reading): void {
  const { tokens } = ctx;
  const measureStart = r.end;
  const m = measureAfter(ctx, measureStart, r.measureVia, r.direct);
  // a partitive "of" for plain counts only with a determiner: "six of the prisoners", not "32 of 50"
  let measure = m;
  if (m && r.rule === 'quantity/count' && !r.core.vague && lower(tokens[measureStart]) === 'of') {
    const d = tokens[measureStart + 1];
    if (!d || !(d.pos === 'DET' || d.pos === 'PRON')) measure = undefined;
  }
  // a partitive over a second figure: "61 of 101 seats", "About 220,000 of the region's roughly
  // 350,000 residents": the measure is what the second figure counts; the span stops before "of"
  // so that the second figure stays a quantity of its own
  if (r.rule === 'quantity/count' && lower(tokens[measureStart]) === 'of') {
    const inner = partitiveTotal(ctx, measureStart + 1);
    if (inner) measure = { start: inner.start, end: inner.end, spanEnd: measureStart };
  }
  r.measure = measure;
}

/** Negative rules: whether the reading is not an amount (a year, a date, a citation, a clock time, a score…). */
function rejected(ctx: Ctx, r: Reading): boolean {
  const { tokens, t } = ctx;
  const { core, measure, rule } = r;
  const plainCount = rule === 'quantity/count' && !r.currencyBefore && !core.scaled && !core.vague && core.upper === undefined;
  const before = tokens[core.start - 1];
  const nextTok = tokens[core.end];
  if (plainCount && core.plain !== undefined && isYearLike(core.plain) && isYear(ctx, r)) return true;
  const bareRange = rule === 'quantity/count' && !r.currencyBefore && !core.vague && core.upper !== undefined && !r.between && r.qualifier === undefined;
  // dates: next to a month or weekday name ("March 3", "3 March", "April 8–18"), ranges included
  if ((plainCount || bareRange) && (t.dateWords.has(lower(before)) || t.dateWords.has(lower(nextTok)))) return true;
  // a bare range with nothing counted is pages, scores or dates ("485-492"), not an amount
  if (bareRange && !measure) return true;
  // citations: "30(4)" (volume and issue): a number glued to a bracket
  if (plainCount && core.digits && ((nextTok?.text === '(' && glued(ctx, core.end)) || (before?.text === '(' && glued(ctx, core.start - 1)))) return true;
  // "0700 GMT", "0930": four digits with a leading zero are clock times
  if (plainCount && core.plain !== undefined && /^0\d{3}$/.test(core.plain)) return true;
  // "dozens of years", "hundreds of miles away" when the noun is time: a duration
  if (core.vague && lower(tokens[r.end]) === 'of' && t.timeUnits.has(lower(tokens[r.end + 1]))) return true;
  // "(5)" alone in brackets with nothing counted: a tiebreak score, a note, an age
  if (plainCount && !measure && before?.text === '(' && nextTok?.text === ')') return true;
  return plainCount && r.qualifier === undefined && notACount(ctx, r);
}

/**
 * Years: four digits 1000–2100 are a year unless a plural counted noun follows
 * (HeidelTime's negative rule: "2000 soldiers" is not a year) and no preposition,
 * article or name precedes ("in 2015", "the 2015 elections", "since 1994").
 */
function isYear(ctx: Ctx, r: Reading): boolean {
  const { tokens } = ctx;
  const measure = r.measure;
  const head = measure ? tokens[measure.end - 1] : undefined;
  const lead = tokens[r.left - 1];
  const blocked = lead !== undefined && /^(?:ADP|DET|SCONJ|PROPN|PRON|PART)$/.test(lead.pos) && r.qualifier === undefined;
  // and the counted noun is a common one ("2000 soldiers", not "the 2002 Asian Games")
  const named = measure !== undefined && tokens.slice(measure.start, measure.end).some((x) => x.pos === 'PROPN');
  return !measure || blocked || named || !isPlural(head);
}

/** A plain unqualified figure that is no count: a lone "one", a footnote or list marker, a pronoun, a date, an identifier. */
function notACount(ctx: Ctx, r: Reading): boolean {
  const { tokens, t } = ctx;
  const { core, measure } = r;
  const first = tokens[core.start]!;
  const before = tokens[core.start - 1];
  const nextTok = tokens[core.end];
  // a lone "one" is a determiner or pronoun, not a count ("one of the only", "one key difference")
  if (core.loneOne) return true;
  // footnote markers: glued to the word or stop before them ("said.3"), or in brackets ("[3]")
  if (before && before.end === first.start && /[\p{L}.,;:)"'”’]$/u.test(before.text) && core.digits) return true;
  if (before?.text === '[' && nextTok?.text === ']') return true;
  // list markers: "1." or "2)" opening a sentence
  if (core.start === ctx.lo && /^[.)]$/.test(nextTok?.text ?? '') && !measure) return true;
  // a spelled-out number with nothing counted after a determiner is a pronoun ("the two remain", "the latter two")
  if (!core.digits && !measure && before && /^(?:DET|ADJ|PRON)$/.test(before.pos)) return true;
  // dates: "3rd of March"-like forms, or inside wink's date entities
  if (/^(?:of|the)$/.test(lower(nextTok)) && t.dateWords.has(lower(tokens[core.end + 1]))) return true;
  if (ctx.dateish.has(core.start) && !measure) return true;
  // identifiers: "flight 4978", "Resolution 2231", "Article 5" (unless a counted noun follows)
  // "nr. 224": the tokeniser splits the abbreviation from its full stop
  const abbrev = before?.text === '.' && glued(ctx, core.start - 1) ? tokens[core.start - 2] : undefined;
  const headWord = abbrev ? `${abbrev.text.toLowerCase()}.` : before?.text.toLowerCase();
  if (before && core.digits && (t.identifierHeads.has(headWord ?? '') || (before.pos === 'PROPN' && /^\p{Lu}/u.test(before.text)))) {
    if (!measure || !isPlural(tokens[measure.end - 1])) return true;
  }
  // clock times ("10:30") and phone numbers ("555-123-4567") are not NUM tokens and never get here.
  return false;
}

/** The quantity a kept reading states. */
function quantityOf(ctx: Ctx, r: Reading, unit: string): RawQuantity {
  const { tokens, text } = ctx;
  const { core, measure, rule } = r;
  let measureText: string | undefined;
  if (measure) measureText = text.slice(tokens[measure.start]!.start, tokens[measure.end - 1]!.end);
  else if (rule === 'quantity/percent') {
    // the measured noun before the figure ("exports fell by 12%"); the span is not widened
    const mb = measureBefore(ctx, r.left);
    if (mb) measureText = text.slice(tokens[mb.start]!.start, tokens[mb.end - 1]!.end);
  }
  return {
    start: tokens[r.left]!.start,
    end: tokens[(measure ? measure.spanEnd : r.end) - 1]!.end,
    value: core.value,
    upper: core.upper,
    unit,
    qualifier: r.qualifier ?? (core.vague ? 'approx' : undefined),
    measure: measureText,
    rule: core.vague ? `${rule}-vague` : rule,
    confidence: rule === 'quantity/count' ? (measure ? 0.8 : 0.6) : 0.9,
  };
}
