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

export interface RawQuantity {
  start: number;
  end: number;
  value: number;
  upper?: number;
  unit: string;
  qualifier?: QualifierName;
  measure?: string;
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
  upper?: number;
  /** Written in digits (not words). */
  digits: boolean;
  /** A scale word was applied ("billion", "bn"). */
  scaled: boolean;
  vague: boolean;
  /** The bare word "one" (or "One"), nothing else. */
  loneOne: boolean;
  /** The digit string when the core is one plain token. */
  plain?: string;
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
  return { start: i, end: j, value, digits: false, scaled, vague: false, loneOne: j === i + 1 && value === 1 };
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
  const out: Core = { ...core, end: j, value, scaled };
  if (upper !== undefined) out.upper = upper;
  else delete out.upper;
  if (scaled) out.loneOne = false;
  return out;
}

/** A number core starting at token i, or undefined. */
function readCore(ctx: Ctx, i: number): Core | undefined {
  const { tokens, t } = ctx;
  const tok = tokens[i];
  if (!tok) return undefined;
  const w = tok.text.toLowerCase();

  if (NUM_RE.test(tok.text)) {
    return applyScales(ctx, { start: i, end: i + 1, value: num(tok.text), digits: true, scaled: false, vague: false, loneOne: false, plain: tok.text });
  }
  const r = RANGE_RE.exec(tok.text);
  if (r) {
    const a = r[1]!;
    const b = r[2]!;
    const lo = num(a);
    const hi = num(b);
    const leadingZero = /^0\d/.test(a) || /^0\d/.test(b);
    const phoneLike = /^\d{3}$/.test(a) && /^\d{4}$/.test(b);
    if (hi <= lo || leadingZero || phoneLike || (isYearLike(a) && isYearLike(b))) return undefined;
    return applyScales(ctx, { start: i, end: i + 1, value: lo, upper: hi, digits: true, scaled: false, vague: false, loneOne: false });
  }
  const g = GLUED_SCALE_RE.exec(tok.text);
  if (g && t.scales.has(g[2]!.toLowerCase())) {
    return applyScales(ctx, { start: i, end: i + 1, value: num(g[1]!) * t.scales.get(g[2]!.toLowerCase())!, digits: true, scaled: true, vague: false, loneOne: false });
  }

  // "a dozen", "a hundred", "a million", "half a million"
  if ((w === 'a' || w === 'an') && i + 1 < ctx.hi) {
    const n = lower(tokens[i + 1]);
    const s = n === 'dozen' ? 12 : t.scales.get(n);
    if (s !== undefined && !GLUED_ONLY_SCALES.has(n) && s >= 12) {
      return applyScales(ctx, { start: i, end: i + 2, value: s, digits: false, scaled: s >= 100, vague: false, loneOne: false });
    }
  }
  if ((w === 'a' || w === 'an') && t.fractions.has(lower(tokens[i + 1])) && lower(tokens[i + 2]) === 'of') {
    return { start: i, end: i + 1, value: 1, digits: false, scaled: false, vague: false, loneOne: false };
  }
  // "half of the voters": an empty core of one, which the fraction step below divides by two
  if (w === 'half' && lower(tokens[i + 1]) === 'of') {
    return { start: i, end: i, value: 1, digits: false, scaled: false, vague: false, loneOne: false };
  }
  if (w === 'half' && lower(tokens[i + 1]) === 'a') {
    const n = lower(tokens[i + 2]);
    const s = t.scales.get(n);
    if (s !== undefined && s >= 100 && !GLUED_ONLY_SCALES.has(n)) {
      return { start: i, end: i + 3, value: s / 2, digits: false, scaled: true, vague: false, loneOne: false };
    }
  }

  // vague plurals: "hundreds", "tens of thousands", "hundreds of thousands"
  const v = t.vague.get(w);
  if (v) {
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
    return { start: i, end, value, upper, digits: false, scaled: true, vague: true, loneOne: false };
  }
  // "several hundred", "a few thousand"
  const det = matchAt(ctx, t.vagueDeterminers, i);
  if (det) {
    const n = lower(tokens[det.end]);
    const s = t.scales.get(n);
    if (s !== undefined && s >= 100 && !GLUED_ONLY_SCALES.has(n)) {
      return { start: i, end: det.end + 1, value: 2 * s, upper: 10 * s - 1, digits: false, scaled: true, vague: true, loneOne: false };
    }
    return undefined;
  }
  const word = wordNumber(ctx, i);
  return word ? applyScales(ctx, word) : undefined;
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

/** The measure after token i: directly, or after "of"/"in"/"worth of" (+ a determiner) when allowed. */
function measureAfter(ctx: Ctx, i: number, via: readonly string[], direct: boolean): { start: number; end: number; spanEnd: number } | undefined {
  if (direct) {
    const np = nounPhrase(ctx, i);
    if (np) return { ...np, spanEnd: np.end };
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
  return np ? { ...np, spanEnd: np.end } : undefined;
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
  const ctx: Ctx = { text, tokens: layer.tokens, lo, hi, t, dateish };
  const { tokens } = ctx;
  const out: RawQuantity[] = [];
  let floor = lo; // tokens before this index belong to an earlier quantity
  const starts = startWords(t);

  for (let i = lo; i < hi; i++) {
    if (i < floor) continue;
    const tok = tokens[i]!;
    if (!mayStart(starts, tok.text)) continue;
    const w = tok.text.toLowerCase();

    // ranks: "ranked 157", "ranks 12th", "ranked at 40"
    if (t.rankCues.has(w)) {
      let j = i + 1;
      if (lower(tokens[j]) === 'at' || lower(tokens[j]) === 'no.' || lower(tokens[j]) === 'number') j++;
      const rt = tokens[j];
      const m = rt ? ORDINAL_RE.exec(rt.text) ?? (/^\d+$/.test(rt.text) ? [rt.text, rt.text] : null) : null;
      if (m && j < hi) {
        // "ranked 157 out of 180 countries": the field is part of the rank, and names its measure
        let e = j + 1;
        let measure: { start: number; end: number } | undefined;
        const o = lower(tokens[e]) === 'out' && lower(tokens[e + 1]) === 'of' ? e + 2 : lower(tokens[e]) === 'of' ? e + 1 : -1;
        if (o > 0 && /^\d[\d,]*$/.test(tokens[o]?.text ?? '') && o < hi) {
          e = o + 1;
          measure = nounPhrase(ctx, e);
          if (measure) e = measure.end;
        }
        const q: RawQuantity = { start: tok.start, end: tokens[e - 1]!.end, value: Number(m[1]), unit: 'rank', rule: 'quantity/rank', confidence: 0.85 };
        if (measure) q.measure = text.slice(tokens[measure.start]!.start, tokens[measure.end - 1]!.end);
        out.push(q);
        floor = e;
        i = e - 1;
      }
      continue;
    }

    // ratios written as one token next to a cue: "a 3-1 margin", "a ratio of 4:1"
    const rt = RATIO_TOKEN_RE.exec(tok.text);
    if (rt && Number(rt[2]) > 0 && (Number(rt[1]) > Number(rt[2]) || tok.text.includes(':')) && ratioCueNear(ctx, i)) {
      const q0 = matchBefore(ctx, t.qualifiers, i, Math.max(floor, lo));
      const s0 = q0 ? q0.start : i;
      const q: RawQuantity = { start: tokens[s0]!.start, end: tok.end, value: Math.round((Number(rt[1]) / Number(rt[2])) * 10000) / 10000, unit: 'ratio', rule: 'quantity/ratio', confidence: 0.85 };
      if (q0) q.qualifier = q0.value;
      out.push(q);
      floor = i + 1;
      continue;
    }

    const core0 = readCore(ctx, i);
    if (!core0) continue;
    let core = core0;

    // ---- left context: currency symbol or code, then a qualifier, or "between"
    let left = core.start;
    let unit: string | undefined;
    let currencyBefore = false;
    const prev = tokens[left - 1];
    if (prev && left - 1 >= floor) {
      const p = prev.text.toLowerCase();
      const sym = t.symbols.get(p);
      const code = /^[A-Z]{3}$/.test(prev.text) ? t.codes.get(prev.text) : undefined;
      const wp = t.wordPrefixes.get(p);
      if (sym !== undefined) {
        unit = sym;
        left--;
        currencyBefore = true;
      } else if (code !== undefined || wp !== undefined) {
        unit = code ?? wp;
        left--;
        currencyBefore = true;
      }
    }
    let qualifier: QualifierName | undefined;
    let between = false;
    if (lower(tokens[left - 1]) === 'between' && left - 1 >= floor) {
      between = true;
      left--;
    } else {
      const q = matchBefore(ctx, t.qualifiers, left, Math.max(floor, lo));
      if (q) {
        qualifier = q.value;
        left = q.start;
      }
    }

    // ---- ratios: "four to one", "two-to-one", "by a margin of 3 to 1" (X/Y, see the lexicon's ratioCues note)
    if (!between && unit === undefined) {
      const r = ratioAfter(ctx, core, left);
      if (r) {
        const q: RawQuantity = { start: tokens[left]!.start, end: tokens[r.end - 1]!.end, value: r.value, unit: 'ratio', rule: 'quantity/ratio', confidence: 0.85 };
        if (qualifier !== undefined) q.qualifier = qualifier;
        out.push(q);
        floor = r.end;
        i = floor - 1;
        continue;
      }
    }

    // ---- ranges: "between 20 and 30", "3 to 4", "$3-$4"
    let end = core.end;
    const link = lower(tokens[end]);
    if ((between && link === 'and') || (!between && (link === 'to' || link === '–' || link === '-') && lower(tokens[left - 1]) !== 'from' && core.digits)) {
      let k = end + 1;
      if (unit !== undefined && t.symbols.get(lower(tokens[k])) === unit) k++;
      const second = readCore(ctx, k);
      if (second && second.upper === undefined && !second.vague) {
        let lowV = core.value;
        // "between 3 and 4 billion": the first end takes the second's scale
        if (second.scaled && !core.scaled && second.value > 0) {
          const coef = Number(tokens[second.start]!.text.replace(/,/g, ''));
          if (Number.isFinite(coef) && coef > 0) lowV = core.value * (second.value / coef);
        }
        if (second.value > lowV) {
          core = { ...core, value: lowV, upper: second.value, end: second.end, scaled: core.scaled || second.scaled, loneOne: false };
          end = second.end;
        }
      }
    }
    // the number's tokens are spent whether or not it turns out to be a quantity ("April 8–18": not "18" again)
    floor = Math.max(floor, end);
    if (between && core.upper === undefined) {
      // "between" without a second number is not a range: give it back
      left++;
    }

    // "a 25,000-dollar bonus", "a 10-percent rise": a glued hyphen before a currency, percent or unit word
    if (lower(tokens[end]) === '-' && glued(ctx, end) && glued(ctx, end + 1)) {
      const k = end + 1;
      if (matchAt(ctx, t.currencyNames, k) || matchAt(ctx, t.percent, k) || matchAt(ctx, t.units, k)) end = k;
    }

    // ---- fractions: "two thirds", "a quarter" (+ "of" the measure); value rounded to 4 places
    let rule = 'quantity/count';
    let fraction = false;
    // "one-third", "two-thirds": a glued hyphen between the number and the fraction word
    const hyphenFraction = lower(tokens[end]) === '-' && glued(ctx, end) && glued(ctx, end + 1) && t.fractions.has(lower(tokens[end + 1]));
    const fracAt = hyphenFraction ? end + 1 : end;
    const denom = t.fractions.get(lower(tokens[fracAt]));
    // "three quarters" with no "of" is a span of time ("in two quarters"), which the dates extractor owns
    const timeFraction = !hyphenFraction && t.timeUnits.has(lower(tokens[fracAt])) && lower(tokens[fracAt + 1]) !== 'of';
    if (denom !== undefined && !timeFraction && !core.digits && core.upper === undefined && !core.vague) {
      const n = core.start + 1 === core.end && /^an?$/.test(lower(tokens[core.start])) ? 1 : core.value;
      if (n > 0 && (n < denom || denom === 2)) {
        core = { ...core, value: Math.round((n / denom) * 10000) / 10000, end: fracAt + 1, loneOne: false };
        end = fracAt + 1;
        floor = Math.max(floor, end);
        fraction = true;
      }
    }

    // ---- right context: percent, currency name or code, unit, time nouns
    let measureVia: string[] = [];
    let direct = true;
    const pct = matchAt(ctx, t.percent, end);
    const isPointsOnly = pct !== undefined && pct.value === 'point' && !/percentage|basis/.test(lower(tokens[end]));
    if (fraction) {
      unit = 'fraction';
      rule = 'quantity/fraction';
      measureVia = ['of'];
      // "the one-third threshold", "a two-thirds majority": the noun right after is the measure
      direct = lower(tokens[end]) !== 'of';
    } else if (pct && !isPointsOnly && unit === undefined) {
      unit = pct.value;
      end = pct.end;
      rule = 'quantity/percent';
      measureVia = ['of'];
    } else {
      const name = unit === undefined ? matchAt(ctx, t.currencyNames, end) : undefined;
      const code = unit === undefined && /^[A-Z]{3}$/.test(tokens[end]?.text ?? '') ? t.codes.get(tokens[end]!.text) : undefined;
      const pound = unit === undefined && !name && code === undefined ? t.poundWords.get(lower(tokens[end])) : undefined;
      let weight = false;
      if (name) {
        unit = name.value;
        end = name.end;
      } else if (code !== undefined) {
        unit = code;
        end++;
      } else if (pound !== undefined) {
        // "pounds": money in a money context, else a weight (see the lexicon's pounds note)
        const words = tokens.slice(lo, hi).map((x) => x.text.toLowerCase());
        const ofNoun = lower(tokens[end + 1]) === 'of' ? measureAfter(ctx, end + 1, ['of'], false) : undefined;
        const ofOther = ofNoun !== undefined && !t.moneyCues.has(lower(tokens[ofNoun.end - 1]));
        const money = !ofOther && !words.some((x) => t.weightCues.has(x)) && ((core.scaled && core.value >= 1e6) || words.some((x) => t.moneyCues.has(x)));
        if (money) unit = pound;
        else {
          unit = t.poundWeightUnit;
          weight = true;
        }
        end++;
      }
      if (weight) {
        rule = 'quantity/unit';
        measureVia = ['of'];
        direct = false;
      } else if (unit !== undefined) {
        rule = 'quantity/money';
        measureVia = ['in', 'of'];
      } else {
        const u = matchAt(ctx, t.units, end);
        if (u) {
          unit = u.value;
          end = u.end;
          rule = 'quantity/unit';
          measureVia = ['of'];
          direct = false;
        }
      }
    }
    // durations, dates and times belong to the dates extractor
    const after = lower(tokens[end]);
    const hyphenWord = after === '-' && glued(ctx, end) && glued(ctx, end + 1) ? lower(tokens[end + 1]) : undefined;
    if (rule === 'quantity/count' && t.timeUnits.has(after)) continue;
    // "two-step process", "a 20-member delegation", "15-year-old": a number glued into a
    // compound modifier describes the noun, it does not count it.
    if (rule === 'quantity/count' && hyphenWord !== undefined) continue;
    if (unit === undefined) {
      unit = 'count';
      measureVia = ['of'];
    }

    // ---- measure
    const measureStart = end;
    const m = measureAfter(ctx, measureStart, measureVia, direct);
    // a partitive "of" for plain counts only with a determiner: "six of the prisoners", not "32 of 50"
    let measure: { start: number; end: number; spanEnd: number } | undefined = m;
    if (m && rule === 'quantity/count' && !core.vague && lower(tokens[measureStart]) === 'of') {
      const d = tokens[measureStart + 1];
      if (!d || !(d.pos === 'DET' || d.pos === 'PRON')) measure = undefined;
    }
    // a partitive over a second figure: "61 of 101 seats", "About 220,000 of the region's roughly
    // 350,000 residents": the measure is what the second figure counts; the span stops before "of"
    // so that the second figure stays a quantity of its own
    if (rule === 'quantity/count' && lower(tokens[measureStart]) === 'of') {
      const inner = partitiveTotal(ctx, measureStart + 1);
      if (inner) measure = { ...inner, spanEnd: measureStart };
    }

    // ---- negative rules
    const plainCount = rule === 'quantity/count' && !currencyBefore && !core.scaled && !core.vague && core.upper === undefined;
    const first = tokens[core.start]!;
    const before = tokens[core.start - 1];
    const nextTok = tokens[core.end];
    // years: four digits 1000–2100 are a year unless a plural counted noun follows
    // (HeidelTime's negative rule: "2000 soldiers" is not a year) and no preposition,
    // article or name precedes ("in 2015", "the 2015 elections", "since 1994").
    if (plainCount && core.plain !== undefined && isYearLike(core.plain)) {
      const head = measure ? tokens[measure.end - 1] : undefined;
      const lead = tokens[left - 1];
      const blocked = lead !== undefined && /^(?:ADP|DET|SCONJ|PROPN|PRON|PART)$/.test(lead.pos) && qualifier === undefined;
      // and the counted noun is a common one ("2000 soldiers", not "the 2002 Asian Games")
      const named = measure !== undefined && tokens.slice(measure.start, measure.end).some((x) => x.pos === 'PROPN');
      if (!measure || blocked || named || !isPlural(head)) continue;
    }
    const bareRange = rule === 'quantity/count' && !currencyBefore && !core.vague && core.upper !== undefined && !between && qualifier === undefined;
    // dates: next to a month or weekday name ("March 3", "3 March", "April 8–18"), ranges included
    if ((plainCount || bareRange) && (t.dateWords.has(lower(before)) || t.dateWords.has(lower(nextTok)))) continue;
    // a bare range with nothing counted is pages, scores or dates ("485-492"), not an amount
    if (bareRange && !measure) continue;
    // citations: "30(4)" (volume and issue): a number glued to a bracket
    if (plainCount && core.digits && ((nextTok?.text === '(' && glued(ctx, core.end)) || (before?.text === '(' && glued(ctx, core.start - 1)))) continue;
    // "0700 GMT", "0930": four digits with a leading zero are clock times
    if (plainCount && core.plain !== undefined && /^0\d{3}$/.test(core.plain)) continue;
    // "dozens of years", "hundreds of miles away" when the noun is time: a duration
    if (core.vague && lower(tokens[end]) === 'of' && t.timeUnits.has(lower(tokens[end + 1]))) continue;
    // "(5)" alone in brackets with nothing counted: a tiebreak score, a note, an age
    if (plainCount && !measure && before?.text === '(' && nextTok?.text === ')') continue;
    if (plainCount && qualifier === undefined) {
      // a lone "one" is a determiner or pronoun, not a count ("one of the only", "one key difference")
      if (core.loneOne) continue;
      // footnote markers: glued to the word or stop before them ("said.3"), or in brackets ("[3]")
      if (before && before.end === first.start && /[\p{L}.,;:)"'”’]$/u.test(before.text) && core.digits) continue;
      if (before?.text === '[' && nextTok?.text === ']') continue;
      // list markers: "1." or "2)" opening a sentence
      if (core.start === lo && /^[.)]$/.test(nextTok?.text ?? '') && !measure) continue;
      // a spelled-out number with nothing counted after a determiner is a pronoun ("the two remain", "the latter two")
      if (!core.digits && !measure && before && /^(?:DET|ADJ|PRON)$/.test(before.pos)) continue;
      // dates: "3rd of March"-like forms, or inside wink's date entities
      if (/^(?:of|the)$/.test(lower(nextTok)) && t.dateWords.has(lower(tokens[core.end + 1]))) continue;
      if (ctx.dateish.has(core.start) && !measure) continue;
      // identifiers: "flight 4978", "Resolution 2231", "Article 5" (unless a counted noun follows)
      // "nr. 224": the tokeniser splits the abbreviation from its full stop
      const abbrev = before?.text === '.' && glued(ctx, core.start - 1) ? tokens[core.start - 2] : undefined;
      const headWord = abbrev ? `${abbrev.text.toLowerCase()}.` : before?.text.toLowerCase();
      if (before && core.digits && (t.identifierHeads.has(headWord ?? '') || (before.pos === 'PROPN' && /^\p{Lu}/u.test(before.text)))) {
        if (!measure || !isPlural(tokens[measure.end - 1])) continue;
      }
      // clock times ("10:30") and phone numbers ("555-123-4567") are not NUM tokens and never get here.
    }

    const q: RawQuantity = {
      start: tokens[left]!.start,
      end: tokens[(measure ? measure.spanEnd : end) - 1]!.end,
      value: core.value,
      unit,
      rule: core.vague ? `${rule}-vague` : rule,
      confidence: rule === 'quantity/count' ? (measure ? 0.8 : 0.6) : 0.9,
    };
    if (core.upper !== undefined) q.upper = core.upper;
    const qual = qualifier ?? (core.vague ? 'approx' : undefined);
    if (qual !== undefined) q.qualifier = qual;
    if (measure) q.measure = text.slice(tokens[measure.start]!.start, tokens[measure.end - 1]!.end);
    else if (rule === 'quantity/percent') {
      // the measured noun before the figure ("exports fell by 12%"); the span is not widened
      const mb = measureBefore(ctx, left);
      if (mb) q.measure = text.slice(tokens[mb.start]!.start, tokens[mb.end - 1]!.end);
    }
    out.push(q);
    floor = measure ? measure.spanEnd : end;
    i = floor - 1;
  }
  return out;
}
