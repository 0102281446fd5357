/**
 * The date extractor: pass 1 matches the data-driven patterns and fills their
 * (possibly underspecified) values; overlaps are resolved longest-first; pass 2
 * anchors each value to the publication date or the narrative's current date,
 * with the tense of the governing verb (wink POS and lemmas) deciding past or
 * future for "Friday", "in February", "Monday's announcement".
 */
import type { DateMention } from '../../../core/schema.ts';
import { partitionPoint } from '../../../core/search.ts';
import { matchesAt } from '../../../core/regex.ts';
import { stableId } from '../../../core/ids.ts';
import { nlpOf, sentenceAt, type NlpLayer, type Token } from '../../../adapters/wink.ts';
import { dateData, type CompiledRule, type DateData, type Tables } from './data.ts';
import { fillTemplate, type Groups } from './normalise.ts';
import { startsByRule } from './starts.ts';
import { parseRef, resolve, resolveCoarse, shift, unanchored, type RefDate, type Tense } from './anchor.ts';

/** Every field is present (unset ones undefined), so that all candidates share one hidden class. */
export interface Candidate {
  start: number;
  end: number;
  rule: CompiledRule;
  type: DateMention['timexType'];
  /** Pass-1 value: final, or UNDEF-… to be anchored. */
  value: string;
  mod: string | undefined;
  quant: string | undefined;
  freq: string | undefined;
  range: { start: string; end: string } | undefined;
}

export interface DateInput {
  id: string;
  text: string;
}

/** Pass 1: every rule's matches, with filled templates; rejected matches dropped. */
export function findCandidates(text: string, data: DateData, nlp: () => NlpLayer): Candidate[] {
  const out: Candidate[] = [];
  const starts = startsByRule(data.leads, text);
  for (let r = 0; r < data.rules.length; r++) {
    const rule = data.rules[r]!;
    // Both kinds of scan as arrays: one loop over one kind of collection.
    const matches = data.leads.unindexed.has(r) ? Array.from(text.matchAll(rule.regex)) : matchesAt(rule.sticky, text, starts[r]!);
    for (const m of matches) {
      const c = candidateAt(text, rule, m, data.tables, nlp);
      if (c) out.push(c);
    }
  }
  return out;
}

/** The candidate a rule's match makes: null when empty, when its templates fail, or when a rejection of the rule drops it. */
function candidateAt(text: string, rule: CompiledRule, m: RegExpMatchArray, t: Tables, nlp: () => NlpLayer): Candidate | null {
  const start = m.index!;
  const end = start + m[0].length;
  if (end === start) return null;
  const c = candidateOf(rule, m.groups ?? {}, start, end, t);
  if (!c) return null;
  if (rule.rejectBeforeRe && rule.rejectBeforeRe.test(text.slice(Math.max(0, start - 40), start))) return null;
  if (rule.rejectAfterRe && rule.rejectAfterRe.test(text.slice(end, end + 40))) return null;
  if (rule.rejectTitleCase && inTitleCase(text, start, m[0])) return null;
  const kept = rule.keepBeforeRe?.test(text.slice(Math.max(0, start - 40), start)) ?? false;
  if (!kept && rule.rejectEntity && entityVeto(nlp(), start, rule.rejectEntity)) return null;
  if (!kept && (rule.rejectNextPos || rule.rejectFirstPos) && posVeto(nlp(), rule, start, end)) return null;
  return c;
}

/**
 * Only an entity that reaches left of the match vetoes it ("About 2000", "some 2000"): wink
 * calls many bare years CARDINAL, but not a year it joins with a quantifier.
 */
function entityVeto(layer: NlpLayer, start: number, veto: readonly string[]): boolean {
  return layer.entities.some((e) => e.start < start && start < e.end && veto.includes(e.type));
}

/** The rule's POS rejections: the token right after the match, or its first token, has a rejected tag. */
function posVeto(layer: NlpLayer, rule: CompiledRule, start: number, end: number): boolean {
  if (rule.rejectNextPos) {
    const next = tokenAtOrAfter(layer.tokens, end);
    if (next && next.start - end <= 1 && posIn(next, rule.rejectNextPos)) return true;
  }
  if (rule.rejectFirstPos) {
    const first = tokenAtOrAfter(layer.tokens, start);
    if (first && first.start === start && posIn(first, rule.rejectFirstPos)) return true;
  }
  return false;
}

/** Where a capital letter is only the start of a sentence, a quotation, a bracket or a line. */
const OPENING = /(?:^|[.!?…:;]["'”’)\]]?\s+|["“‘'(\[—–]\s*|\n\s*)$/u;

/** A match written as (part of) a title-case name: "the Future" in "For the Future of …". */
function inTitleCase(text: string, start: number, match: string): boolean {
  const words = match.split(/[\s\u00a0]+/);
  if (words.slice(1).some((w) => /^\p{Lu}/u.test(w))) return true;
  return /^\p{Lu}/u.test(words[0] ?? '') && !OPENING.test(text.slice(Math.max(0, start - 20), start));
}

function candidateOf(rule: CompiledRule, groups: Groups, start: number, end: number, t: Tables): Candidate | null {
  let range: Candidate['range'];
  if (rule.range) {
    const s = fillTemplate(rule.range.start, groups, t);
    const e = fillTemplate(rule.range.end, groups, t);
    if (s === null || e === null) return null;
    range = { start: s, end: e };
  }
  const value = rule.value !== undefined ? fillTemplate(rule.value, groups, t) : (range?.start ?? null);
  if (value === null || value === '') return null;
  const mod = rule.mod ? fillTemplate(rule.mod, groups, t) : null;
  const freq = rule.freq ? fillTemplate(rule.freq, groups, t) : null;
  return { start, end, rule, type: rule.type, value, mod: mod || undefined, quant: rule.quant || undefined, freq: freq || undefined, range };
}

/** Longest span wins; among equal spans, the earlier rule. Kept candidates never overlap. */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.rule.priority - b.rule.priority || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function tokenAtOrAfter(tokens: readonly Token[], pos: number): Token | undefined {
  return tokens[tokenIndexAtOrAfter(tokens, pos)];
}

/** Index of the first token ending after pos (binary search; tokens.length if none). */
function tokenIndexAtOrAfter(tokens: readonly Token[], pos: number): number {
  return partitionPoint(tokens, (t) => t.end <= pos);
}

/**
 * POS test. NOUN_PL: a plural common noun (its text is not its lemma): "2000 soldiers" but not "the 2020 election".
 * VERB_BASE: a verb in its base form ("May resume").
 */
function posIn(tok: Token, tags: readonly string[]): boolean {
  if (tags.includes(tok.pos)) return true;
  const base = tok.text.toLowerCase() === tok.lemma.toLowerCase();
  if (tags.includes('NOUN_PL') && tok.pos === 'NOUN' && !base) return true;
  // A bare verb after "May" makes it the modal ("talks May resume").
  return tags.includes('VERB_BASE') && (tok.pos === 'VERB' || tok.pos === 'AUX') && base && /^[a-z]/.test(tok.text);
}

const VERBISH = new Set(['VERB', 'AUX']);

/**
 * Which tokens open another clause. Built by a loop, as the sentence views are: an array from
 * `map` has another hidden class when the caller runs optimised, which deoptimises its readers.
 */
function clauseBreaks(toks: readonly Token[], lowerSent: readonly string[], t: Tables): boolean[] {
  const at: boolean[] = [];
  for (let i = 0; i < toks.length; i++) at.push(isClauseBreak(toks[i]!, lowerSent[i]!, t));
  return at;
}

/** Does this token open another clause (a relative pronoun, a subordinator, a dash)? */
function isClauseBreak(tok: Token, lower: string, t: Tables): boolean {
  if (!t.tense.clauseBreaks.includes(lower)) return false;
  // "that year", "which way": a determiner does not open a clause.
  return tok.pos !== 'DET';
}

/** The token texts from token i up to a text offset (to look for punctuation in between). */
function layerText(toks: readonly Token[], i: number, upTo: number): string {
  const out: string[] = [];
  for (let j = i; j < toks.length && toks[j]!.end <= upTo; j++) out.push(toks[j]!.text);
  return out.join(' ');
}

/**
 * A participle that only modifies a noun ("a former general backed by the Socialists",
 * "the plan approved by parliament"): no auxiliary before it and "by" after it. It is not
 * the verb of the clause, and its past form says nothing of the clause's tense.
 */
function reducedPassive(toks: readonly Token[], i: number, t: Tables): boolean {
  const x = toks[i]!;
  const w = x.text.toLowerCase();
  if (x.pos !== 'VERB' || w === x.lemma.toLowerCase() || /(s|ing)$/.test(w)) return false;
  if (toks[i + 1]?.text.toLowerCase() !== 'by') return false;
  const prev = toks[i - 1];
  if (!prev || !['NOUN', 'PROPN', 'ADJ', 'PUNCT'].includes(prev.pos)) return false;
  for (let j = Math.max(0, i - 3); j < i; j++) {
    const a = toks[j]!;
    if (a.pos === 'AUX' || t.tense.pastAux.includes(a.text.toLowerCase())) return false;
  }
  return true;
}

interface SentenceView {
  toks: Token[];
  /** The tokens' texts in lower case. */
  lowerSent: string[];
  /** Which tokens open another clause, under the tables they were read with (set on first use). */
  breaks: { tables: Tables; at: boolean[] } | undefined;
}

/** Per document layer: its sentences' tokens, read once (several dates share a sentence). */
const sentenceViews = new WeakMap<NlpLayer, Map<number, SentenceView>>();

function sentenceView(layer: NlpLayer, si: number): SentenceView | undefined {
  const sent = layer.sentences[si];
  if (!sent) return undefined;
  let views = sentenceViews.get(layer);
  if (!views) sentenceViews.set(layer, (views = new Map()));
  let view = views.get(si);
  if (!view) {
    const toks = layer.tokens.slice(sent.tokenStart, sent.tokenEnd);
    // A loop, not `map`: see clauseBreaks.
    const lowerSent: string[] = [];
    for (const x of toks) lowerSent.push(x.text.toLowerCase());
    view = { toks, lowerSent, breaks: undefined };
    views.set(si, view);
  }
  return view;
}

/**
 * Tense of the verb group governing a span: the nearest verb (left first, then right)
 * in the span's own clause (between the clause breaks around it), with the auxiliaries
 * and cues before it; the whole sentence only when that clause has no verb
 * ("The Jan. 18 announcement that …"). verbOnly: the verb's tense alone, without the cue
 * words ("By November … had turned" is past, though "by" makes it a deadline).
 */
export function tenseAt(layer: NlpLayer, start: number, end: number, t: Tables, verbOnly = false): Tense {
  const view = sentenceView(layer, sentenceAt(layer, start));
  if (!view) return 'past';
  const { toks, lowerSent } = view;
  if (view.breaks?.tables !== t) view.breaks = { tables: t, at: clauseBreaks(toks, lowerSent, t) };
  const breaks = view.breaks.at;
  if (!verbOnly) {
    // The cues read at most the last six words before the span (tokens end in text order).
    const before = partitionPoint(toks, (x) => x.end <= start);
    const lastToks = lowerSent.slice(Math.max(0, before - 6), before);
    const cued = cueTense(lastToks, t);
    if (cued !== null) return cued;
    // A deadline ("extended to Nov. 20", "payable Jan. 2", "effective Feb. 1") says nothing of the verb's tense.
    // Each token gives at least one word, so the last two words are those of the last two tokens.
    const last2 = lastToks.slice(-2).join(' ').split(' ').slice(-2);
    if (last2.some((w) => t.tense.deadlineCues.includes(w))) return tenseAt(layer, start, end, t, true) === 'future' ? 'future' : 'present';
  }
  // The clause around the span: from the break before it (included: "which began on …") to the break after it.
  const clause = around(toks, breaks, 0, toks.length, start, end);
  // Within the clause, a verb in the date's own comma-delimited segment first ("The bill,
  // approved on March 3, takes effect …": "approved"); a segment without one ("On Friday, …")
  // defers to the clause.
  const segment = around(toks, null, clause.lo, clause.hi, start, end);
  let best = nearestVerb(toks, segment.lo, segment.hi, start, end, t);
  if (best < 0) best = nearestVerb(toks, clause.lo, clause.hi, start, end, t);
  if (best < 0) best = nearestVerb(toks, 0, toks.length, start, end, t);
  if (best < 0) return 'past';
  return verbGroupTense(toks, lowerSent, best, t);
}

/**
 * Future cues in the last five words before the date ("is scheduled to … Friday", "the upcoming
 * February vote"): future, or present after a past auxiliary ("was scheduled to meet Friday",
 * "were to vote in March": future in the past). Null without a cue. beforeToks: the words before
 * the date (the last six suffice).
 */
function cueTense(beforeToks: readonly string[], t: Tables): Tense | null {
  const nearToks = beforeToks.slice(-5);
  const near = nearToks.join(' ');
  const paddedNear = ` ${near} `;
  for (const cue of t.tense.futureCues) {
    const at = paddedNear.indexOf(` ${cue} `);
    if (at < 0) continue;
    const prev = near.slice(0, Math.max(0, at - 1)).split(' ').pop() ?? '';
    const prevWord = prev || (beforeToks.length > nearToks.length ? beforeToks[beforeToks.length - nearToks.length - 1]! : '');
    return t.tense.pastAux.includes(prevWord) ? 'present' : 'future';
  }
  return null;
}

/**
 * The token range [lo, hi) within [from, to) between the last break token ending before the span
 * (included) and the first starting after it: clause breaks when `breaks` is given, else commas.
 */
function around(toks: readonly Token[], breaks: readonly boolean[] | null, from: number, to: number, start: number, end: number): { lo: number; hi: number } {
  let lo = from;
  let hi = to;
  for (let i = from; i < to; i++) {
    const x = toks[i]!;
    if (breaks ? !breaks[i] : x.text !== ',') continue;
    if (x.end <= start) lo = Math.max(lo, i);
    else if (x.start >= end) hi = Math.min(hi, i);
  }
  return { lo, hi };
}

/** The verb nearest the span [start, end) among tokens [from, to): left first (a verb after it counts half again as far); -1 if none. */
function nearestVerb(toks: readonly Token[], from: number, to: number, start: number, end: number, t: Tables): number {
  let best = -1;
  let bestDist = Infinity;
  for (let i = from; i < to; i++) {
    const x = toks[i]!;
    if (!VERBISH.has(x.pos) || (x.start >= start && x.end <= end)) continue;
    // Skipped unless the date is in the participle's own phrase ("approved by parliament on May 3").
    if (reducedPassive(toks, i, t) && (x.start > start || /[,;—–(]/.test(layerText(toks, i, start)))) continue;
    const dist = x.end <= start ? start - x.end : (x.start - end) * 1.5;
    if (dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  return best;
}

/** The tense of the verb group ending at token `best`: its auxiliaries (up to three before it), else the verb's own form. */
function verbGroupTense(toks: readonly Token[], lowerSent: readonly string[], best: number, t: Tables): Tense {
  const from = Math.max(0, best - 3);
  for (let i = from; i <= best; i++) {
    const w = lowerSent[i]!;
    if (t.tense.futureAux.includes(w)) return 'future';
  }
  for (let i = from; i <= best; i++) {
    // "would": future seen from a past moment; its side of the publication date is open.
    if (t.tense.futureInPastAux.includes(lowerSent[i]!)) return 'present';
  }
  for (let i = from; i <= best; i++) {
    const w = lowerSent[i]!;
    if (t.tense.pastAux.includes(w)) return 'past';
  }
  const v = toks[best]!;
  const w = v.text.toLowerCase();
  if (v.pos === 'VERB' && w !== v.lemma.toLowerCase() && !/(s|ing)$/.test(w)) return 'past';
  return 'present';
}

/** A weekday that modifies a noun: possessive ("Monday's vote") or right after one ("the vote Sunday"). */
function eventModifier(layer: NlpLayer, text: string, start: number, end: number): boolean {
  if (/^['’]s\s/.test(text.slice(end, end + 3))) return true;
  // The last token ending at or before the span (tokens are in text order).
  const after = tokenIndexAtOrAfter(layer.tokens, start);
  const prev: Token | undefined = layer.tokens[after - 1];
  return prev !== undefined && prev.pos === 'NOUN' && /^\s+$/.test(text.slice(prev.end, start));
}

const QUOTE_OPEN = /[“"]/g;
const DAY_DEICTIC = /^UNDEF-REF-D-(?:(PLUS|MINUS)-(\d+)|(last|this|next))(T.*)?$/;

/** Is the offset inside a direct quotation of its sentence (an odd number of quote marks before it)? */
function inQuote(text: string, from: number, at: number): boolean {
  const s = text.slice(from, at);
  const curly = (s.match(/“/g)?.length ?? 0) - (s.match(/”/g)?.length ?? 0);
  if (curly > 0) return true;
  return (s.match(QUOTE_OPEN)?.length ?? 0) % 2 === 1 && !s.includes('“');
}

/**
 * "today" in direct speech is the day it was said: "“Today you are winners,” she told
 * supporters early on Monday" puts "today" on that Monday, not on the publication day.
 * A day deictic inside a quotation moves to a day-level date given outside the quotes
 * in the same sentence (the reporting clause).
 */
function speechTime(text: string, layer: NlpLayer, out: DateMention[], passOne: readonly string[]): void {
  out.forEach((m, i) => {
    const d = DAY_DEICTIC.exec(passOne[i] ?? '');
    if (!d) return;
    const sent = layer.sentences[sentenceAt(layer, m.start)];
    if (!sent || !inQuote(text, sent.start, m.start)) return;
    const said = out.find(
      (o, j) => j !== i && sentenceAt(layer, o.start) === sentenceAt(layer, m.start) && o.timexType === 'DATE' &&
        /^\d{4}-\d{2}-\d{2}$/.test(o.value) && !inQuote(text, sent.start, o.start),
    );
    if (!said) return;
    const n = d[3] ? (d[3] === 'last' ? -1 : d[3] === 'next' ? 1 : 0) : Number(d[2]) * (d[1] === 'PLUS' ? 1 : -1);
    const ref = parseRef(said.value);
    const v = ref ? shift(ref, 'D', n) : null;
    if (v === null) return;
    m.value = v + (d[4] ?? '');
    m.anchor = 'narrative';
    delete m.confidence;
  });
}

/** Confidence of a day-level date anchored only to the publication month (or year). */
export const COARSE_CONFIDENCE = 0.5;

const ABSOLUTE = /^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|H[12]|W\d{2}|SP|SU|FA|WI))?$/;

/** Sentences a past-tense narrative opened by a date ("In June 2019, …") carries on for. */
const NARRATIVE_SENTENCES = 3;

/**
 * Narrative reference for a partial date: a fully stated date before it in the same
 * sentence, or one that opens the previous sentence ("In 2014, … On July 3, …"): the text
 * has moved to that time. A past-tense date also follows a narrative opened by a date up to
 * three sentences back in the same paragraph, if no other date came in between ("In June
 * 2019 the coalition formed. … By November it had collapsed."; "In April 2014 …, and on
 * June 27, 2014 …. Then, in November, …"). Farther back, or after a paragraph break, news
 * text usually returns to the publication date.
 */
function narrativeRef(prior: readonly DateMention[], layer: NlpLayer, start: number, text: string, past: boolean): RefDate | null {
  const si = sentenceAt(layer, start);
  // A relative date in between ("Last year …") has taken the text elsewhere.
  let other = false;
  for (let i = prior.length - 1; i >= 0; i--) {
    const p = prior[i]!;
    if (p.timexType !== 'DATE' && p.timexType !== 'TIME') continue;
    const pi = sentenceAt(layer, p.start);
    const far = pi < si - 1;
    if (far && (!past || pi < si - NARRATIVE_SENTENCES || /\n\s*\n/.test(text.slice(p.end, start)))) return null;
    const absolute = p.anchor === 'absolute' && ABSOLUTE.test(p.value);
    if (!absolute) {
      if (far) return null;
      other = true;
      continue;
    }
    if (pi === si) return parseRef(p.value);
    if (!far && opensSentence(layer, p, pi)) return parseRef(p.value);
    if (past && !other && !/\n\s*\n/.test(text.slice(p.end, start)) && openedBy(prior, layer, i, pi)) return parseRef(p.value);
    return null;
  }
  return null;
}

/** The mention opens sentence qi: at most two of its tokens come before it. */
function opensSentence(layer: NlpLayer, q: DateMention, qi: number): boolean {
  const sent = layer.sentences[qi];
  return sent ? layer.tokens.slice(sent.tokenStart, sent.tokenEnd).filter((t) => t.end <= q.start).length <= 2 : false;
}

/** An absolute date opens sentence k (looked for among the prior mentions from index i back). */
function openedBy(prior: readonly DateMention[], layer: NlpLayer, i: number, k: number): boolean {
  for (let j = i; j >= 0; j--) {
    const q = prior[j]!;
    const qi = sentenceAt(layer, q.start);
    if (qi < k) return false;
    if (qi === k && q.anchor === 'absolute' && ABSOLUTE.test(q.value) && opensSentence(layer, q, qi)) return true;
  }
  return false;
}

/** Granularity a shift by this unit needs of its reference: 3 a day, 2 a month, 1 a year. */
function neededPrecision(value: string): number {
  const unit = /^UNDEF-ANA-([A-Z0-9]+)-/.exec(value)?.[1] ?? 'Y';
  return unit === 'D' || unit === 'W' || unit === 'WE' || unit === 'H' ? 3 : unit === 'M' || unit === 'Q' || unit === 'H1' ? 2 : 1;
}

/**
 * Anaphoric reference ("a year earlier", "the following day"): the last date before it
 * that was not itself anaphoric (so "a year earlier … a year earlier" does not drift), and
 * that is fine enough for the shift ("the same day" skips a "last year" in between for the
 * "On Sunday" before it). A date after "since" is a background starting point, not the
 * narrative's time ("since January 1 … The next day" is not January 2).
 */
function anaphoricRef(prior: readonly DateMention[], anaphoric: readonly boolean[], text: string, value: string): RefDate | null {
  const need = neededPrecision(value);
  for (let i = prior.length - 1; i >= 0; i--) {
    const p = prior[i]!;
    if (anaphoric[i]) continue;
    if (p.timexType !== 'DATE' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(p.value)) continue;
    if (/\bsince\s+$/i.test(text.slice(Math.max(0, p.start - 10), p.start))) continue;
    const ref = parseRef(p.value);
    const has = ref ? (ref.d !== undefined ? 3 : ref.m !== undefined ? 2 : 1) : 0;
    if (has >= need) return ref;
  }
  return null;
}

const PERIOD = /^(\d{4})-(Q[1-4]|H[12])$/;
const YEAR_SHIFT = /^UNDEF-(?:REF|ANA)-Y-(?:(PLUS|MINUS)-(\d+)|(last|next|this))$/;

/**
 * "a year earlier", "the year-ago quarter" in a text about a quarter mean that quarter a
 * year before (TimeML keeps the granularity of the period compared): the quarter or half
 * mentioned last, shortly before, shifted by the years.
 */
function periodShift(value: string, prior: readonly DateMention[], shifted: readonly boolean[], start: number): string | null {
  const m = YEAR_SHIFT.exec(value);
  if (!m) return null;
  const n = m[3] ? (m[3] === 'last' ? -1 : m[3] === 'next' ? 1 : 0) : Number(m[2]) * (m[1] === 'PLUS' ? 1 : -1);
  for (let i = prior.length - 1; i >= 0; i--) {
    const p = prior[i]!;
    if (start - p.end > 400) return null;
    if (shifted[i]) continue;
    const q = PERIOD.exec(p.value);
    if (q) return `${Number(q[1]) + n}-${q[2]}`;
  }
  return null;
}

const RANGE_END = /^\d{4}(-\d{2}(-\d{2})?|-(?:SP|SU|FA|WI|Q[1-4]|H[12]))?$/;

/**
 * Join two anchored dates stated as one span ("from March 2014 to June 2015",
 * "between May 2019 and July 2020") into one DATE mention whose value is the start
 * and whose range carries both ends. Cue words come from the tables (rangeCues).
 */
export function joinRanges(input: DateInput, mentions: DateMention[], t: Tables): DateMention[] {
  const text = input.text;
  const out: DateMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1];
    const joinable =
      b !== undefined && a.timexType === 'DATE' && b.timexType === 'DATE' && !a.range && !b.range &&
      RANGE_END.test(a.value) && RANGE_END.test(b.value);
    let joined: DateMention | undefined;
    if (joinable) {
      const gap = text.slice(a.end, b.start);
      const between = gap.trim().toLowerCase();
      const lead = /(\S+)\s+$/.exec(text.slice(Math.max(0, a.start - 20), a.start));
      const leadWord = lead ? lead[1]!.toLowerCase() : '';
      for (const cue of t.rangeCues) {
        if (!cue.between.includes(between)) continue;
        if (cue.before !== '' && leadWord !== cue.before) continue;
        // A bare dash joins only when written tight ("2014–2016", "March–May 2020").
        if (cue.before === '' && gap.length !== 1) continue;
        const start = cue.before === '' || !lead ? a.start : a.start - lead[0].length;
        const span = text.slice(start, b.end);
        joined = {
          ...a,
          id: stableId(input.id, 'date', start, b.end, span),
          start,
          end: b.end,
          text: span,
          rule: 'ranges/joined',
          range: { start: a.value, end: b.value },
        };
        break;
      }
    }
    if (joined) {
      out.push(joined);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The document as pass 2 sees it: its text, its layer (read on first use), the publication date and the mentions anchored so far. */
interface Anchoring {
  input: DateInput;
  data: DateData;
  layer: NlpLayer | undefined;
  pub: RefDate | null;
  out: DateMention[];
  /** Per mention: relative to another date in the text (never the reference of a later anaphor). */
  anaphoricFlags: boolean[];
  /** Per mention: its pass-1 value. */
  passOne: string[];
}

function layerOf(a: Anchoring): NlpLayer {
  return (a.layer ??= nlpOf(a.input));
}

/**
 * Extract TIMEX3 date mentions from text. Pure: offsets into input.text.
 * `published` (YYYY, YYYY-MM or YYYY-MM-DD) anchors relative and partial dates;
 * without it they stay underspecified (XXXX-01-18, XXXX-WXX-5) with no anchor.
 */
export function extractDates(input: DateInput, published: string | null, data: DateData = dateData()): DateMention[] {
  const a: Anchoring = { input, data, layer: undefined, pub: parseRef(published), out: [], anaphoricFlags: [], passOne: [] };
  const kept = resolveOverlaps(findCandidates(input.text, data, () => layerOf(a)));
  for (const c of kept) {
    a.out.push(mentionOf(a, c));
    a.passOne.push(c.value);
    a.anaphoricFlags.push(c.value.startsWith('UNDEF-ANA-') || c.rule.inherit === true);
  }
  if (a.passOne.some((v) => DAY_DEICTIC.test(v))) speechTime(input.text, layerOf(a), a.out, a.passOne);
  return joinRanges(input, a.out, data.tables);
}

/** The mention a kept candidate makes, its value anchored when pass 1 left it underspecified. */
function mentionOf(a: Anchoring, c: Candidate): DateMention {
  const text = a.input.text;
  const mention: DateMention = {
    id: stableId(a.input.id, 'date', c.start, c.end, text.slice(c.start, c.end)),
    type: 'date',
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    rule: `${c.rule.group}/${c.rule.id}`,
    timexType: c.type,
    value: c.value,
  };
  const under = c.value.startsWith('UNDEF-') || c.range?.start.startsWith('UNDEF-') || c.range?.end.startsWith('UNDEF-');
  if (!under) {
    if (/^\d/.test(c.value) && !c.value.startsWith('P')) mention.anchor = 'absolute';
  } else anchorMention(a, c, mention);
  if (c.mod) mention.mod = c.mod;
  if (c.range) mention.range = c.range;
  if (c.quant) mention.quant = c.quant;
  if (c.freq) mention.freq = c.freq;
  return mention;
}

/** What an underspecified value is resolved against, and how (a narrative reference falls back to the publication date). */
interface Reference {
  ref: RefDate | null;
  basis: 'publication' | 'narrative';
  pub: RefDate | null;
  tense: Tense;
}

/**
 * Resolve against the reference. A narrative date too coarse for this value ("2000" for "Friday")
 * gives way to the publication date. In a narrative the year-less date falls in the narrative's
 * year ("In March 2014 … on March 18").
 */
function resolveWith(r: Reference, v: string): string | null {
  const out = r.ref ? resolve(r.basis === 'narrative' ? v.replace(/^UNDEF-year-/, 'UNDEF-this-') : v, r.ref, r.tense) : null;
  if (out !== null || r.basis !== 'narrative' || !r.pub) return out;
  r.basis = 'publication';
  return resolve(v, r.pub, r.tense);
}

/**
 * The tense deciding a partial date's side of its reference. "Monday's announcement", "his
 * assertion Friday that …": a weekday naming when a reported event happened is past unless the
 * sentence says it is to come (analysis prose is in the present).
 */
function tenseOf(a: Anchoring, c: Candidate): Tense {
  const text = a.input.text;
  const needsTense = /^UNDEF-(year|day|this-day)-/.test(c.value);
  const tense: Tense = needsTense ? tenseAt(layerOf(a), c.start, c.end, a.data.tables) : 'past';
  if (tense === 'present' && /^UNDEF-day-/.test(c.value) && eventModifier(layerOf(a), text, c.start, c.end)) return 'past';
  return tense;
}

/** Pass 2 for an underspecified candidate: its reference (the narrative's date or the publication date), then its value and range. */
function anchorMention(a: Anchoring, c: Candidate, mention: DateMention): void {
  const { pub } = a;
  const text = a.input.text;
  const anaphoric = c.value.startsWith('UNDEF-ANA-');
  const partial = /^UNDEF-(year|day)-/.test(c.value);
  const tense = tenseOf(a, c);
  const r: Reference = { ref: null, basis: 'publication', pub, tense };
  if (anaphoric || partial) {
    // "By November … had turned": the verb is past though "by" reads as a deadline.
    const past = partial && (tense === 'past' || tenseAt(layerOf(a), c.start, c.end, a.data.tables, true) === 'past');
    const n = anaphoric ? anaphoricRef(a.out, a.anaphoricFlags, text, c.value) : narrativeRef(a.out, layerOf(a), c.start, text, past);
    if (n && (!pub || n.y !== pub.y || anaphoric)) {
      r.ref = n;
      r.basis = 'narrative';
    }
  }
  if (!r.ref && pub) r.ref = pub;
  const period = c.rule.inherit ? periodShift(c.value, a.out, a.anaphoricFlags, c.start) : null;
  if (period) r.basis = 'narrative';
  // The narrative's own date (another year) was too coarse: the publication month says nothing of it.
  const narrativeTried = r.basis === 'narrative';
  const v = period ?? resolveWith(r, c.value);
  // A publication date without a day still places "today" or "met on Monday" in its month.
  const coarse = v === null && pub && !narrativeTried ? resolveCoarse(c.value, pub, tense) : null;
  if (v !== null) {
    mention.value = v;
    mention.anchor = r.basis;
  } else if (coarse !== null) {
    mention.value = coarse;
    mention.anchor = 'publication';
    mention.confidence = COARSE_CONFIDENCE;
  } else {
    mention.value = unanchored(c.value);
  }
  if (c.range) {
    c.range = {
      start: resolveWith(r, c.range.start) ?? unanchored(c.range.start),
      end: resolveWith(r, c.range.end) ?? unanchored(c.range.end),
    };
  }
}
