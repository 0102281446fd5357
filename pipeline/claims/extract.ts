/**
 * Claims per clause: a relation cue from the lexicon, its subject and object
 * (actor mentions, literal blocs, or pronouns resolved cheaply to the last
 * compatible actor), its value (a quantity), its time (a date mention of the
 * clause, else of the sentence, else the narrative's or the document's time),
 * polarity and modality. Pattern-based on purpose: no dependency parser runs in
 * Node at this speed, and the cues stay reviewable data.
 */
import type { Doc } from '../core/doc.ts';
import { partitionPoint } from '../core/search.ts';
import { matchesAt } from '../core/regex.ts';
import { stableId } from '../core/ids.ts';
import { message } from '../core/messages.ts';
import type { ActorMention, Claim, DateMention, QuantityMention } from '../core/schema.ts';
import { nlpOf } from '../adapters/wink.ts';
import { type CompiledCue, type IndexedExpression, type Lexicon, type PrefixNode, type Relation, type StartIndex, PREFIX_LETTER, loadLexicon } from './lexicon.ts';
import { intervalOf, intervalOfTime } from './timex.ts';

/** The state a person acts for ("person:…" → "BLR"), when known. */
export type StateOf = (actorId: string) => string | undefined;

export interface ExtractOptions {
  lexicon?: Lexicon;
  stateOf?: StateOf;
  /** Whether a state id is part of another state (a de facto state or autonomy: "the region" prefers it). */
  isRegion?: (actorId: string) => boolean;
  /** Leave claims/no-subject messages on the doc (default true). */
  report?: boolean;
}

/** An actor-like item in the text: a mention, a literal bloc ("the West"), or a resolved pronoun. */
interface ActorItem {
  start: number;
  end: number;
  actorId: string;
  kind: string;
  mentionId?: string;
  literal?: string;
  basis: 'mention' | 'anaphora';
  possessive: boolean;
  adjective: boolean;
}

interface Span2 {
  start: number;
  end: number;
}

const PREPOSITION_BEFORE =
  /\b(of|to|with|from|by|for|in|on|at|against|between|into|over|towards|toward|about|than|among|within|under|upon|across|via|like|after|before|since|during|despite|following|amid|amidst|unlike|including|as|behind)\s+(?:(?:both|either|the|a|an)\s+)*$/i;
/** A verb form used as an adjective ("the detained men"): not a cue. */
const DETERMINER_BEFORE = /\b(the|a|an|its|his|her|their|these|those|all)\s+$/i;
/** wink POS of a cue's first word that make it a noun cue (its agent is a modifier or a by-phrase). */
const NOMINAL_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
const BLOCKS_NEGATION = /[,;:()]|\b(which|who|whose|but|while|whereas)\b/i;
const REPORT_TIME = /\b(?:said|says|told\s+\w+|announced|stated|reported|added|confirmed|wrote)\s+(?:\w+\s+){0,1}(?:on|in|at|late|early)?\s*$/i;
const SUBORDINATE_OPENING = /^\s*(?:when|whereas|unless|if|although|though|while|because)\b[^,;]{3,200}?(,\s+)/i;
const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const AUXILIARY = /^(?:is|are|am|was|were|be|been|being|has|have|having|had|do|does|did|will|would|can|could|may|might|shall|should|must|'s|’s)$/i;
/** Past participles not ending in -ed/-en (passive voice detection). */
const IRREGULAR_PARTICIPLES = new Set(['held', 'sent', 'sold', 'won', 'lost', 'left', 'kept', 'paid', 'bought', 'cut', 'met', 'led', 'brought', 'caught', 'shot', 'hit', 'struck', 'put', 'set', 'told', 'built', 'dealt', 'sought', 'shut', 'beat']);
/** A date that names when something was reported, not the event: "the Jan. 18 announcement that…". */
const REPORT_NOUN_AFTER = /^\s*(?:['’]s\s+)?(?:announcement|statement|report|press conference|briefing|interview|speech|remarks|communiqu[eé]|op-ed|article|letter)s?\b/i;
/** A year glued to a capitalised name ("Union Shield 2015", "Euro 2024"): part of the name, not the claim's time. */
const NAME_BEFORE_YEAR = /(?:^|[^.!?]\s)([A-Z][\w’'-]*)[\s-]$/;
const NOT_NAME_WORD = /^(?:In|On|At|By|Since|Until|Before|After|During|From|For|Of|Through|Throughout|Early|Late|Mid|Spring|Summer|Autumn|Fall|Winter|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|The|This|That|And|Or|But|AD|BC|CE|BCE)$/;
/** "predicted that …": the subject of the complement clause follows the last of these before the cue. */
const COMPLEMENTISER = /\b(?:that|whether)\s+/gi;
const PASSIVE_AUXILIARY = /\b(?:was|were|is|are|been|being|be|get|gets|got)\b/gi;
const PRONOUN = /\b(she|her|he|him|his)\b/gi;
const PRESENT_TENSE = /\b(is|are|am|remains?|continues?|seems?|appears?|has|have)\b/i;

function overlapsAny(a: Span2, spans: readonly Span2[]): boolean {
  return spans.some((s) => a.start < s.end && s.start < a.end);
}

/** Copy of text with the given spans blanked (same length, so offsets hold). */
function mask(text: string, base: number, ...spanLists: (readonly Span2[])[]): string {
  let out = text;
  for (const spans of spanLists) {
    for (const s of spans) {
      const a = Math.max(0, s.start - base);
      const b = Math.min(text.length, s.end - base);
      if (a < b) out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
    }
  }
  return out;
}

function allMatches(re: RegExp, text: string): { index: number; end: number }[] {
  const out: { index: number; end: number }[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The last match of a global expression that never matches empty (as [...text.matchAll(re)].pop()). */
function lastMatch(re: RegExp, text: string): Match | undefined {
  return allMatches(re, text).pop();
}

function isPossessiveAt(text: string, end: number): boolean {
  return /^['’]s?\b|^['’]/.test(text.slice(end, end + 2));
}

function kindOfId(kinds: Map<string, string>, id: string): string {
  return kinds.get(id) ?? (id.startsWith('person:') ? 'person' : /^[A-Z]{3}$/.test(id) ? 'state' : 'organisation');
}

/** Sentences from the wink layer, split further at line breaks (headings and paragraphs). */
function sentenceSpans(doc: Doc): Span2[] {
  const out: Span2[] = [];
  for (const s of nlpOf(doc).sentences) {
    let at = s.start;
    const piece = doc.text.slice(s.start, s.end);
    const re = /\n+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(piece)) !== null) {
      const end = s.start + m.index;
      if (end > at) out.push({ start: at, end });
      at = s.start + m.index + m[0].length;
    }
    if (s.end > at) out.push({ start: at, end: s.end });
  }
  return out.filter((s) => doc.text.slice(s.start, s.end).trim().length > 0);
}

function clauseSpans(text: string, sent: Span2, lex: Lexicon): Span2[] {
  const piece = text.slice(sent.start, sent.end);
  const out: Span2[] = [];
  let at = 0;
  for (const m of allMatches(lex.clauseBreak, piece)) {
    if (m.index > at) out.push({ start: sent.start + at, end: sent.start + m.index });
    at = m.end;
  }
  if (piece.length > at) out.push({ start: sent.start + at, end: sent.end });
  // A clause opened by a subordinator ("unless Moldova paid an alleged debt, the government declared…") ends at its
  // first comma: the main clause after it is a clause of its own (its hedges and dates are not the main clause's).
  const split: Span2[] = [];
  for (const c of out) {
    const m = SUBORDINATE_OPENING.exec(text.slice(c.start, c.end));
    if (m && wordsIn(text.slice(c.start + m[0].length, c.end)) >= 3) {
      split.push({ start: c.start, end: c.start + m[0].length - m[1]!.length }, { start: c.start + m[0].length, end: c.end });
    } else split.push(c);
  }
  return split;
}

function paragraphKindAt(doc: Doc, pos: number): string {
  for (const p of doc.paragraphs) if (pos >= p.start && pos < p.end) return p.kind;
  return 'paragraph';
}

function paragraphIndexAt(doc: Doc, pos: number): number {
  return doc.paragraphs.findIndex((p) => pos >= p.start && pos < p.end);
}

/** Build the actor items of a doc: mentions, literal blocs, then resolved anaphors, in text order. */
/** The state an actor stands for: itself for a state, else its state (people, state bodies). */
function stateKey(it: { actorId: string; kind: string }, stateOf: StateOf): string | undefined {
  return it.kind === 'state' ? it.actorId : stateOf(it.actorId);
}

/** The state most mentioned among items (people count for their state); ties go to the latest. */
function mostSalientState(items: readonly ActorItem[], stateOf: StateOf): ActorItem | undefined {
  const score = new Map<string, { n: number; last: number; item: ActorItem }>();
  for (const it of items) {
    const k = stateKey(it, stateOf);
    if (k === undefined) continue;
    const cur = score.get(k);
    const asState: ActorItem = it.kind === 'state' ? it : { ...it, actorId: k, kind: 'state', adjective: false };
    if (cur) {
      cur.n++;
      cur.last = it.start;
      if (it.kind === 'state') cur.item = asState;
    } else score.set(k, { n: 1, last: it.start, item: asState });
  }
  let best: { n: number; last: number; item: ActorItem } | undefined;
  for (const v of score.values()) if (!best || v.n > best.n || (v.n === best.n && v.last > best.last)) best = v;
  return best?.item;
}

type Gender = 'female' | 'male';

const FEMALE_PRONOUN = /^(she|her|hers|herself)$/i;
const MALE_PRONOUN = /^(he|him|his|himself)$/i;

function pronounGender(surface: string): Gender | undefined {
  return FEMALE_PRONOUN.test(surface) ? 'female' : MALE_PRONOUN.test(surface) ? 'male' : undefined;
}

/**
 * Cheap gender evidence per person id, from the text only (the gazetteer has none): a title or gendered noun
 * just before a name or in apposition after it ("Mrs", "spokeswoman", ", a businessman,"), and a he/she in a
 * sentence whose only person so far is that one. Conflicting evidence leaves the person unknown.
 */
function genderEvidence(text: string, lex: Lexicon, items: readonly ActorItem[], sentences: readonly Span2[]): Map<string, Gender> {
  const votes = new Map<string, Set<Gender>>();
  const vote = (id: string, g: Gender) => {
    let v = votes.get(id);
    if (!v) votes.set(id, (v = new Set()));
    v.add(g);
  };
  const people = items.filter((i) => i.kind === 'person' && i.basis === 'mention');
  for (const p of people) {
    const before = text.slice(Math.max(0, p.start - 25), p.start);
    const after = /^,\s+(?:a|an|the)\s+[^,.;]{0,60}/.exec(text.slice(p.end, p.end + 80))?.[0] ?? '';
    for (const [g, re] of [['female', lex.female], ['male', lex.male]] as const) {
      const b = lastMatch(re, before);
      if (b && /^[\s.]*$/.test(before.slice(b.end))) vote(p.actorId, g);
      re.lastIndex = 0;
      if (after && re.test(after)) vote(p.actorId, g);
    }
  }
  for (const sent of sentences) {
    const ps = people.filter((i) => i.start >= sent.start && i.end <= sent.end);
    const piece = text.slice(sent.start, sent.end);
    PRONOUN.lastIndex = 0;
    for (let m = PRONOUN.exec(piece); m !== null; m = PRONOUN.exec(piece)) {
      const at = sent.start + m.index;
      const prior = new Set(ps.filter((i) => i.end <= at).map((i) => i.actorId));
      if (prior.size === 1) vote([...prior][0]!, pronounGender(m[1]!)!);
    }
  }
  const out = new Map<string, Gender>();
  for (const [id, v] of votes) if (v.size === 1) out.set(id, [...v][0]!);
  return out;
}

function actorItems(
  doc: Doc,
  lex: Lexicon,
  actors: ActorMention[],
  kinds: Map<string, string>,
  stateOf: StateOf,
  wordStarts: readonly number[],
  pos?: PosAt,
  isRegion?: (id: string) => boolean,
): ActorItem[] {
  const text = doc.text;
  const whole = { start: 0, end: text.length };
  const items: ActorItem[] = actors.map((a) => ({
    start: a.start,
    end: a.end,
    actorId: a.actorId,
    kind: a.kind,
    mentionId: a.id,
    basis: 'mention' as const,
    possessive: isPossessiveAt(text, a.end),
    adjective: a.matchedBy === 'adjective',
  }));
  const taken: Span2[] = actors.map((a) => ({ start: a.start, end: a.end }));
  for (const [literalNo, matches] of matchesByExpression(text, whole, wordStarts, lex.literalActorIndex, lex.literalActors)) {
    const l = lex.literalActors[literalNo]!;
    for (const m of matches) {
      const span = { start: m.index, end: m.end };
      if (overlapsAny(span, taken)) continue;
      taken.push(span);
      kinds.set(l.id, l.kind);
      const surface = text.slice(span.start, span.end);
      items.push({ ...span, actorId: l.id, kind: l.kind, literal: surface, basis: 'mention', possessive: isPossessiveAt(text, span.end), adjective: l.adjective?.test(surface) ?? false });
    }
  }
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  // Anaphors: resolved against the items before them (cheap: the last actor of a compatible kind, within a window).
  const anaphors: { span: Span2; kinds: string[]; possessive: boolean; resolve: 'recent' | 'salient'; preferRegion: boolean }[] = [];
  for (const [anaphorNo, matches] of matchesByExpression(text, whole, wordStarts, lex.anaphoraIndex, lex.anaphora)) {
    const a = lex.anaphora[anaphorNo]!;
    for (const m of matches) {
      const span = { start: m.index, end: m.end };
      if (overlapsAny(span, taken)) continue;
      if (lex.expletive) {
        lex.expletive.lastIndex = span.start;
        if (lex.expletive.test(text)) continue;
      }
      anaphors.push({ span, kinds: a.kinds, possessive: a.possessive, resolve: a.resolve, preferRegion: a.preferRegion });
    }
  }
  // Longest anaphor first at one place ("the country's" over "the country").
  anaphors.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const sentences = sentenceSpans(doc);
  const sentenceOf = (pos0: number) => sentences.find((s) => pos0 >= s.start && pos0 < s.end);
  const gender = genderEvidence(text, lex, items, sentences);
  // Subject-like mentions: the first actor that can head a subject in its sentence (centering: a pronoun in a
  // new sentence usually continues the previous subject, not the last name mentioned).
  const subjectLike = new Set<ActorItem>();
  const tokens = nlpOf(doc).tokens;
  for (const s of sentences) {
    const it = subjectIn(text, items, s.start, s.end, 'first', pos);
    // Only before the sentence's first verb: "… had approved a referendum on joining Russia" has no subject named.
    if (it && !verbBetween(tokens, s.start, it.start)) subjectLike.add(it);
  }
  const resolved: ActorItem[] = [];
  /** Items and resolved anaphors by start (items first at one start), kept as anaphors are resolved. */
  const pool: ActorItem[] = items.slice();
  let lastEnd = -1;
  for (const an of anaphors) {
    if (an.span.start < lastEnd) continue;
    lastEnd = an.span.end;
    let found: ActorItem | undefined;
    // "Moldovan police", "Georgia's parliament": the state named just before the description is the one meant.
    const qualifier = items.find((it) => (it.adjective || it.possessive) && it.kind === 'state' && it.end <= an.span.start && /^\s*(?:['’]s?\s*)?$/.test(text.slice(it.end, an.span.start)));
    if (an.resolve === 'salient' && qualifier) found = qualifier;
    // "the government in Chisinau", "the parliament of Georgia": the state of the place named right after.
    const seat = an.resolve === 'salient' && !qualifier ? items.find((it) => it.start >= an.span.end && /^\s+(?:in|of)\s+$/i.test(text.slice(an.span.end, it.start))) : undefined;
    const seatState = seat ? (seat.kind === 'state' ? seat.actorId : stateOf(seat.actorId)) : undefined;
    if (seat && seatState) found = { ...seat, actorId: seatState, kind: 'state', adjective: false };
    if (an.resolve === 'salient' && !found) found = mostSalientState(items.filter((it) => it.end <= an.span.start && an.span.start - it.end <= 600), stateOf);
    const g = pronounGender(text.slice(an.span.start, an.span.end));
    const candidates: ActorItem[] = [];
    // Earlier resolved anaphors count as mentions of what they resolved to ("the region … It did not."). Items
    // starting after the anaphor end after it too: the walk back starts at the last one starting at or before it.
    for (let i = lastAtOrBefore(pool, an.span.start); i >= 0 && !found; i--) {
      const it = pool[i]!;
      if (it.end > an.span.start) continue;
      if (an.span.start - it.end > 1500) break;
      if (!an.kinds.includes(it.kind) || it.adjective || inCompound(text, it)) continue;
      // Never "she" for a person known to be male, nor "he" for one known to be female.
      if (g && it.kind === 'person' && gender.get(it.actorId) !== undefined && gender.get(it.actorId) !== g) continue;
      candidates.push(it);
    }
    if (!found && an.preferRegion && isRegion) found = candidates.find((c) => isRegion(c.actorId));
    if (!found && candidates.length > 0) {
      const here = sentenceOf(an.span.start);
      const nearest = candidates[0]!;
      // The nearest one in the same sentence ("Sandu said she…"); otherwise the latest subject-like one of the
      // previous two sentences, else the nearest.
      const sameSentence = here ? candidates.filter((c) => c.start >= here.start) : [];
      if (sameSentence.length > 0) found = sameSentence.find((c) => subjectLike.has(c)) ?? nearest;
      else {
        const prev = here ? sentences.filter((s) => s.end <= here.start).slice(-2) : [];
        const from = prev[0]?.start ?? -1;
        found = candidates.find((c) => c.start >= from && subjectLike.has(c)) ?? nearest;
      }
    }
    if (!found) continue;
    const anaphor: ActorItem = {
      start: an.span.start,
      end: an.span.end,
      actorId: found.actorId,
      kind: found.kind,
      ...(found.mentionId ? { mentionId: found.mentionId } : {}),
      ...(found.literal ? { literal: found.literal } : {}),
      basis: found === qualifier || (seat !== undefined && found.actorId === seatState) ? 'mention' : 'anaphora',
      possessive: an.possessive,
      adjective: false,
    };
    resolved.push(anaphor);
    // After the items and earlier anaphors that start at or before it (the order of a stable sort by start).
    pool.splice(lastAtOrBefore(pool, anaphor.start) + 1, 0, anaphor);
  }
  for (const it of items) kinds.set(it.actorId, it.kind);
  return [...items, ...resolved].sort((a, b) => a.start - b.start || b.end - a.end);
}

interface CueHit {
  cue: CompiledCue;
  start: number;
  end: number;
}

/** Cue matches of the clause: earliest then longest first, no two overlapping, none inside an actor name. */
function cueHits(text: string, clause: Span2, lex: Lexicon, blocked: readonly Span2[], wordStarts: readonly number[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const [cueNo, matches] of matchesByExpression(text, clause, wordStarts, lex.cueIndex, lex.compiled)) {
    const cue = lex.compiled[cueNo]!;
    for (const m of matches) {
      const h = { cue, start: clause.start + m.index, end: clause.start + m.end };
      if (blocked.some((b) => h.start >= b.start && h.end <= b.end)) continue;
      if (/^\S+ed\b/i.test(text.slice(h.start, h.end)) && DETERMINER_BEFORE.test(text.slice(Math.max(0, h.start - 12), h.start))) continue;
      hits.push(h);
    }
  }
  // Earlier start wins an overlap; at one start the longer cue, then a noun cue (its agent rules are stricter).
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || Number(b.cue.nominal) - Number(a.cue.nominal));
  const chosen: CueHit[] = [];
  for (const h of hits) {
    if (chosen.some((c) => h.start < c.end && c.start < h.end)) continue;
    chosen.push(h);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Word characters for the cues' `(?<![\w-])`: a cue match starts only where the character before is none of these. */
function isWordCharCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** \w without the u flag: [A-Za-z0-9_]. */
function isRegexWordCharCode(c: number): boolean {
  return c !== 45 && isWordCharCode(c);
}

type Match = { index: number; end: number };

/** Where words start in a text, ascending: the places a cue expression can start (its `(?<![\w-])`). */
function wordStartsOf(text: string): number[] {
  const out: number[] = [];
  let previousIsWord = false;
  for (let at = 0; at < text.length; at++) {
    // isWordCharCode, written out: this loop runs over every character of the document.
    const c = text.charCodeAt(at);
    const isWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (isWord && !previousIsWord) out.push(at);
    previousIsWord = isWord;
  }
  return out;
}

/**
 * allMatches of each expression of an indexed list over the span of the text (offsets in the span, as over
 * text.slice(span.start, span.end)), as [expression number, matches] in list order, leaving out expressions
 * without a match. The prefix trie (see StartIndex) is walked from each word start of the span, and each
 * expression tried, sticky, only where one of its prefixes stands: the same matches as a full scan, as no match
 * of it starts anywhere else. `wordStarts`: wordStartsOf(text); the span's own start counts as a word start.
 */
function matchesByExpression(text: string, span: Span2, wordStarts: readonly number[], index: StartIndex, expressions: readonly IndexedExpression[]): [number, Match[]][] {
  const starts = new Map<number, number[]>();
  // The span's start, then the word starts after it in the span. (No closures here: this runs per clause.)
  let nextWord = lastAtOrBeforeIn(wordStarts, span.start) + 1;
  for (let at = span.start; at < span.end; at = nextWord < wordStarts.length ? wordStarts[nextWord++]! : span.end) {
    let node = childOf(index.root, text.charCodeAt(at));
    for (let k = at + 1; node !== undefined; k++) {
      if (node.expressions.length > 0) addStarts(starts, node.expressions, at - span.start);
      if (node.wordExpressions.length > 0 && (k >= span.end || !isRegexWordCharCode(text.charCodeAt(k)))) addStarts(starts, node.wordExpressions, at - span.start);
      node = k < span.end ? childOf(node, text.charCodeAt(k)) : undefined;
    }
  }
  const piece = span.start === 0 && span.end === text.length ? text : text.slice(span.start, span.end);
  const out: [number, Match[]][] = [];
  for (const expression of index.always) {
    const matches = allMatches(expressions[expression]!.re, piece);
    if (matches.length > 0) out.push([expression, matches]);
  }
  for (const [expression, at] of starts) {
    const matches = matchesAt(expressions[expression]!.sticky, piece, at).map((m): Match => ({ index: m.index, end: m.index + m[0].length }));
    if (matches.length > 0) out.push([expression, matches]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

function childOf(node: PrefixNode, code: number): PrefixNode | undefined {
  const letter = code < 128 ? PREFIX_LETTER[code]! : -1;
  return letter >= 0 ? node.next[letter] : undefined;
}

function addStarts(starts: Map<number, number[]>, expressions: readonly number[], at: number): void {
  for (const expression of expressions) {
    const found = starts.get(expression);
    if (found === undefined) starts.set(expression, [at]);
    else found.push(at);
  }
}

/** An actor glued into a compound modifier ("Moscow-friendly", "Russian-backed"): never a subject or object. */
function inCompound(text: string, it: Span2): boolean {
  // /^-[a-z]/ on the two characters after it, without the slice.
  const next = text.charCodeAt(it.end + 1);
  return text.charCodeAt(it.end) === 45 && next >= 97 && next <= 122;
}

/** wink POS tags by token start, for the few places that need a word class. */
interface PosAt {
  get(start: number): string | undefined;
}

/**
 * PosAt over the document's tokens by binary search (instead of a Map of every token built per document): the
 * tokens are in text order (wink.ts places each at or after the previous one); of tokens sharing a start the
 * last one answers, as a Map built from them would.
 */
function posIndex(tokens: readonly { start: number; pos: string }[]): PosAt {
  return {
    get(start: number): string | undefined {
      const i = lastAtOrBefore(tokens, start);
      return i >= 0 && tokens[i]!.start === start ? tokens[i]!.pos : undefined;
    },
  };
}

/**
 * The items that lie inside [from, to), in their order: items.filter((i) => i.start >= from && i.end <= to)
 * for items sorted by start, found from the first starting at or after `from` by binary search.
 */
function itemsWithin<T extends Span2>(items: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = lastAtOrBefore(items, from - 1) + 1; i < items.length && items[i]!.start <= to; i++) if (items[i]!.end <= to) out.push(items[i]!);
  return out;
}

/** Whether a verb or auxiliary token starts in [from, to) (tokens are in text order). */
function verbBetween(tokens: readonly { start: number; pos: string }[], from: number, to: number): boolean {
  for (let i = lastAtOrBefore(tokens, from - 1) + 1; i < tokens.length && tokens[i]!.start < to; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
  return false;
}

/** Index of the last of `sorted` (ascending) at or before `pos`, or -1. */
function lastAtOrBeforeIn(sorted: readonly number[], pos: number): number {
  return partitionPoint(sorted, (v) => v <= pos) - 1;
}

/** Index of the last of `sorted` (by start, ascending) whose start is at or before `pos`, or -1. */
function lastAtOrBefore(sorted: readonly { start: number }[], pos: number): number {
  return partitionPoint(sorted, (x) => x.start <= pos) - 1;
}

/**
 * "former World Bank adviser, Sandu", "Kremlin spokesman Dmitry Peskov": an actor followed only by nouns (and a
 * comma) and then a person modifies the noun that is in apposition to the person; the person is the head.
 */
function modifiesNextPerson(text: string, it: ActorItem, next: ActorItem | undefined, pos: PosAt | undefined): boolean {
  if (!next || next.kind !== 'person' || it.kind === 'person' || !pos) return false;
  const gap = text.slice(it.end, next.start);
  if (!/^\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s*,?\s*$/.test(gap)) return false;
  const re = /[a-z][\w-]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(gap)) !== null) {
    const tag = pos.get(it.end + m.index);
    if (tag !== 'NOUN' && tag !== 'ADJ' && tag !== 'PROPN') return false;
  }
  return true;
}

/** The first actor item that can head a subject in [from, to): not after a preposition, not a modifier of the next actor. */
function subjectIn(text: string, items: readonly ActorItem[], from: number, to: number, pick: 'first' | 'nearest' = 'first', pos?: PosAt): ActorItem | undefined {
  const inRange = itemsWithin(items, from, to).filter((i) => i.kind !== 'place');
  let found: ActorItem | undefined;
  for (let k = 0; k < inRange.length; k++) {
    const it = inRange[k]!;
    if (PREPOSITION_BEFORE.test(text.slice(Math.max(from, it.start - 30), it.start))) continue;
    if (inCompound(text, it)) continue;
    const next = inRange[k + 1];
    // "Belarusian President Alexander Lukashenko", "Ukraine's President Zelensky": the head is the later actor.
    if (next && (it.adjective || it.possessive) && next.start - it.end <= 30 && !/[,;:]|\b(?:of|to|toward|towards|with|from|in|on|for|against|by|at|into|and)\b/i.test(text.slice(it.end, next.start))) continue;
    if (modifiesNextPerson(text, it, next, pos)) continue;
    found = it;
    if (pick === 'first') return it;
  }
  return found;
}

function wordsIn(s: string): number {
  const t = s.replace(/^['’]s?/, '').trim();
  return t === '' ? 0 : t.split(/\s+/).length;
}

function isPredicted(time: Claim['time'], published: string | null): boolean {
  if (!published || time.basis === 'document') return false;
  const t = intervalOfTime(time, published);
  const p = intervalOf(published);
  return Boolean(t && p && t.start > p.end);
}

export function extractClaims(doc: Doc, opts: ExtractOptions = {}): Claim[] {
  const lex = opts.lexicon ?? loadLexicon();
  const stateOf = opts.stateOf ?? (() => undefined);
  const text = doc.text;
  const published = doc.meta.published;
  const actors = doc.mentions.filter((m): m is ActorMention => m.type === 'actor').sort((a, b) => a.start - b.start);
  const dates = doc.mentions
    .filter((m): m is DateMention => m.type === 'date' && (m.timexType === 'DATE' || m.timexType === 'TIME'))
    .filter((d) => intervalOfTime(d, published) !== null)
    .sort((a, b) => a.start - b.start);
  const quantities = doc.mentions.filter((m): m is QuantityMention => m.type === 'quantity').sort((a, b) => a.start - b.start);
  const kinds = new Map<string, string>();
  const posAt = posIndex(nlpOf(doc).tokens);
  const wordStarts = wordStartsOf(text);
  const items = actorItems(doc, lex, actors, kinds, stateOf, wordStarts, posAt, opts.isRegion);
  const salient = mostSalientState(items.filter((i) => i.basis === 'mention'), stateOf);
  // A copy: the focal state stands for the story, not for the mention it was counted from.
  const focal: ActorItem | undefined = salient ? { ...salient } : undefined;
  const actorSpans: Span2[] = actors.map((a) => ({ start: a.start, end: a.end }));
  const dateSpans: Span2[] = dates.map((d) => ({ start: d.start, end: d.end }));
  const claims: Claim[] = [];
  const seenIds = new Set<string>();
  // "The EU and the US lifted sanctions": the second of two coordinated subjects, per claim (a claim of its own).
  const coSubjects = new Map<Claim, { item: ActorItem; subjectMentionId: string | undefined }>();

  let narrative: DateMention | undefined;
  let narrativePara = -2;
  let topic: ActorItem | undefined;
  let topicPara = -2;

  for (const sent of sentenceSpans(doc)) {
    const pkind = paragraphKindAt(doc, sent.start);
    const para = paragraphIndexAt(doc, sent.start);
    if (para !== narrativePara) {
      narrative = undefined;
      narrativePara = para;
    }
    const sentDates = itemsWithin(dates, sent.start, sent.end);
    const sentence = text.slice(sent.start, sent.end);
    const skip = pkind === 'byline' || pkind === 'dateline' || /\?\s*["”’)]*$/.test(sentence.trimEnd());
    if (!skip) {
      // A wire dateline ("CHISINAU, Nov 4 (Wire) -") opens the sentence but is no part of any clause.
      let body = sent;
      for (const re of lex.datelines) {
        const m = re.exec(sentence);
        if (m && m[0].length < sentence.length) {
          body = { start: sent.start + m[0].length, end: sent.end };
          break;
        }
      }
      const clauses = clauseSpans(text, body, lex);
      const furniture = allMatches(lex.furniture, sentence).length > 0 || pkind === 'list-item';
      // The topic carries on: the previous sentence's subject (same paragraph) when a clause names none of its own.
      let lastSubject: ActorItem | undefined = para === topicPara ? topic : undefined;
      for (const clause of clauses) {
        // One claim per relation per clause: of several cues of one relation, the one that found an object
        // ("first won the presidency …, defeating Igor Dodon"), else the first.
        const best = new Map<string, Claim>();
        for (const hit of cueHits(text, clause, lex, actorSpans, wordStarts)) {
          const claim = buildClaim(hit, clause, sent, lastSubject, furniture);
          if (!claim) {
            if (opts.report !== false && !hit.cue.relation.requiresObject)
              message(doc, 'claims/no-subject', 'claims', `"${text.slice(hit.start, hit.end)}" (${hit.cue.relation.id}) has no resolvable subject`, { place: { start: hit.start, end: hit.end } });
            continue;
          }
          const prev = best.get(claim.relation);
          if (!prev || (!prev.object?.actorId && claim.object?.actorId)) best.set(claim.relation, claim);
        }
        for (const first of [...best.values()].sort((a, b) => a.cue!.start - b.cue!.start)) {
          for (const claim of [first, ...coordinatedClaims(first)]) {
            if (seenIds.has(claim.id)) continue;
            seenIds.add(claim.id);
            claims.push(claim);
          }
        }
        const s = subjectIn(text, items, clause.start, clause.end, 'first', posAt);
        if (s) lastSubject = s;
      }
      topic = lastSubject;
      topicPara = para;
    }
    // A "since" date opens a period up to the time of writing: it is no time for the sentences after it to carry.
    const lastDate = sentDates.filter((d) => !/\bsince\s+(?:the\s+)?(?:\S+\s+){0,3}$/i.test(text.slice(Math.max(sent.start, d.start - 40), d.start))).pop();
    if (lastDate) narrative = lastDate;
    else if (sentDates.length > 0) narrative = undefined;
  }
  return claims;

  /** The claim again with the coordinated subject ("the EU and the US imposed…": the US imposed… too). */
  function coordinatedClaims(claim: Claim): Claim[] {
    const co = coSubjects.get(claim);
    if (!co) return [];
    const rel = lex.relations.get(claim.relation);
    let coId = co.item.actorId;
    if (rel?.subjectScope === 'state' && kindOfId(kinds, coId) !== 'state') coId = stateOf(coId) ?? coId;
    if (coId === claim.subject || coId === claim.object?.actorId) return [];
    const mentionIds = new Set(claim.mentionIds.filter((m) => m !== co.subjectMentionId));
    if (co.item.mentionId) mentionIds.add(co.item.mentionId);
    const id = stableId(doc.id, 'claim', claim.start, claim.end, `${claim.relation}@${claim.cue!.start}+${coId}:${claim.quote}`);
    return [{ ...claim, id, subject: coId, mentionIds: [...mentionIds].sort() }];
  }

  function buildClaim(hit: CueHit, clause: Span2, sent: Span2, previousSubject: ActorItem | undefined, furniture = false): Claim | null {
    const rel = hit.cue.relation;
    const clauseItems = itemsWithin(items, clause.start, clause.end);
    const reported = reportingOf(sent, hit);
    const subjectFrom = reported.after !== undefined && reported.after <= hit.start && reported.after >= clause.start ? reported.after : clause.start;

    let subject: ActorItem | undefined;
    let object: ActorItem | undefined;
    let subjectBasis: 'mention' | 'anaphora' | 'discourse' = 'mention';
    let from = subjectFrom;
    const fronted = from === clause.start ? lex.fronted?.exec(text.slice(clause.start, clause.end)) : null;
    if (fronted) from = clause.start + fronted[0].length;
    else if (from === clause.start) {
      // A clause opened by its subordinator ("since the country gained…"): the subject follows it.
      const sub = /^\s*(?:since|when|because|although|though|whereas|unless|while|if|once|until)\s+/i.exec(text.slice(clause.start, hit.start));
      if (sub) from = clause.start + sub[0].length;
    }
    // "After gaining its independence in 1991, Belarus kept…": a cue inside the introductory phrase, with no actor of
    // its own before it, shares the main clause's subject.
    const inFronted = fronted !== null && fronted !== undefined && hit.start < from;
    const frontedSubject = inFronted && !subjectIn(text, items.filter((i) => i.basis === 'mention'), clause.start, hit.start) ? subjectIn(text, items, from, clause.end) : undefined;
    const afterCue = clauseItems.filter((i) => i.start >= hit.start);
    // The object: inside the cue or within four words after it, not across a comma.
    const objectWindow = (i: ActorItem) =>
      !inCompound(text, i) && (i.end <= hit.end || (wordsIn(text.slice(hit.end, i.start)) <= 4 && !/[,;:(—–]/.test(text.slice(hit.end, i.start))));
    const byPhrase = () =>
      afterCue.find((i) => i.kind !== 'place' && /^\s*(?:\S+\s+){0,3}?by\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$/.test(text.slice(hit.end, i.start)) && !/[,;]/.test(text.slice(hit.end, i.start)));
    // "the European Union, which opened accession talks…": the head of a relative clause is its agent.
    const relHead = clauseItems.filter((i) => i.end <= hit.start && i.kind !== 'place' && /^\s*,\s*(?:which|who|that)\s+(?:(?:has|have|had|also|then|later|since|now|\w+ly)\s+){0,2}$/i.test(text.slice(i.end, hit.start))).pop();
    const coordinated = (s0: ActorItem) => clauseItems.find((i) => i.start > s0.end && /^\s+and\s+(?:the\s+)?$/i.test(text.slice(s0.end, i.start)));
    const hasObject = rel.roles.object !== undefined;
    let passive = false;
    if (hit.cue.agent === 'after') {
      subject = afterCue.find((i) => i.kind !== 'place');
      object = hasObject ? (relHead ?? (subject && coordinated(subject)) ?? subjectIn(text, items, from, hit.start, 'first', posAt) ?? clauseItems.filter((i) => i.end <= hit.start).pop()) : undefined;
    } else if (relHead) {
      subject = relHead;
      if (hasObject) object = afterCue.find((i) => i !== subject && i.actorId !== subject?.actorId && objectWindow(i));
    } else {
      const nominal = hit.cue.nominal || NOMINAL_POS.has(posAt.get(hit.start) ?? '');
      const modifiers = clauseItems.filter(
        (i) => i.end <= hit.start && (i.possessive || i.adjective) && wordsIn(text.slice(i.end, hit.start)) <= 2 && !/[,;:]/.test(text.slice(i.end, hit.start)),
      );
      if (nominal) {
        // The agent of a noun: a by-phrase, a named modifier just before it ("Lukashenko's rapprochement",
        // "a Russian air-base"), or a named possessor inside it ("the release of X's prisoners").
        const named = modifiers.filter((i) => i.basis === 'mention').pop();
        // Also a name that qualifies the cue's last noun inside it ("the reversal of US sanctions": the US sanctions).
        const inside = hit.cue.nominal
          ? clauseItems.find((i) => i.start > hit.start && i.end < hit.end && i.basis === 'mention' && i.kind !== 'place' && (i.possessive || i.adjective || /^\s+[a-z][\w-]*$/.test(text.slice(i.end, hit.end))))
          : undefined;
        subject = byPhrase() ?? named ?? inside;
        // "In a recent visit to X, A and B discussed…": the fronted noun's agent is the main clause's subject, not a guess
        // Only openers of inclusion ("in", "on", "during"): after "despite", "following" the event is someone else's.
        if (!subject && inFronted && /^\s*(?:in|on|during|at)\b/i.test(text.slice(clause.start, hit.start))) subject = frontedSubject;
        // "The EU welcomed the release of prisoners": the clause's subject is not the agent of an of-nominalisation,
        // unless a light verb carries it ("X made a visit"); the story's focal state is then the best guess, marked as such.
        if (!subject && hit.cue.nominal && focal && !(lex.lightVerb?.test(text.slice(Math.max(clause.start, hit.start - 40), hit.start)) ?? false)) {
          subject = focal;
          subjectBasis = 'discourse';
        }
      }
      subject ??= frontedSubject;
      // "commentators predicted that the region would ask…": the subject of the complement clause is the cue's.
      if (!subject && !inFronted) {
        const comp = lastMatch(COMPLEMENTISER, text.slice(from, hit.start));
        if (comp) subject = subjectIn(text, items, from + comp.end, hit.start, rel.subjectPick, posAt);
      }
      subject ??= subjectIn(text, items, inFronted ? clause.start : from, hit.start, rel.subjectPick, posAt);
      // "his last term", "led to Western sanctions": a modifier when nothing else can be the subject.
      subject ??= modifiers.pop();
      subject ??= clauseItems.find((i) => i.start >= hit.start && i.end <= hit.end && (i.adjective || i.possessive));
      subject ??= byPhrase();
      // "the presidential election in Kenya": a relation without an object takes a named actor just after its cue
      // (a state, when the relation is about states).
      if (!subject && !hasObject) subject = afterCue.find((i) => i.basis === 'mention' && objectWindow(i) && (rel.subjectScope !== 'state' || i.kind === 'state'));
      if (rel.objectIn === 'cue') {
        const s0 = subject;
        object =
          clauseItems.find((i) => i.start >= hit.start && i.end <= hit.end && i !== s0) ??
          modifiers.filter((i) => i !== s0 && i.actorId !== s0?.actorId).pop() ??
          afterCue.find((i) => i !== s0 && /^\s*(?:of\s+)?(?:the\s+)?$/i.test(text.slice(hit.end, i.start)));
      } else if (hasObject || rel.objectDefault === 'subject') {
        object = afterCue.find((i) => i !== subject && i.actorId !== subject?.actorId && objectWindow(i));
        // "China and Russia held joint exercises": the coordinated actor is the other party.
        if (!object && subject && hasObject && rel.coordination === 'object') {
          const c = coordinated(subject);
          if (c && c.end <= hit.start) object = c;
        }
      }
    }
    // Passive voice ("X was arrested [by Y]", "Z was arrested, released and later sentenced"): the grammatical
    // subject is the patient, so it fills the object role; the agent is the by-phrase, else the reporting state
    // ("Hungary said X was detained"), else unknown (the story's focal state, as a guess).
    if (hit.cue.agent === 'before' && !hit.cue.nominal && hasObject && subject && subject !== relHead && isPassive(hit, clause)) {
      passive = true;
      object = subject;
      subject = byPhrase();
      if (!subject && reported.source && kindOfId(kinds, reported.source.actorId) === 'state') subject = reported.source;
      if (!subject && focal) {
        subject = focal;
        subjectBasis = 'discourse';
      }
    }
    // "a network run by X transferred…", "the congress of X asked…": X stands for the head noun that is the subject.
    if (!subject && hit.cue.agent === 'before') {
      subject = clauseItems.find(
        (i) =>
          i.end <= hit.start &&
          i.start >= from &&
          i.kind !== 'place' &&
          (/\b(?:run|led|controlled|organi[sz]ed|owned|headed|financed|funded)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i.test(text.slice(Math.max(from, i.start - 60), i.start)) ||
            /^\s*(?:(?:the|a|an)\s+)?["“”]?[\w-]+(?:\s+[\w-]+){0,2}["“”]?\s+of\s+(?:the\s+)?$/i.test(text.slice(from, i.start))),
      );
    }
    // A relation about states: a subject of the wrong kind swaps with an object of the right kind.
    if (rel.subjectKinds && subject && object && !rel.subjectKinds.includes(subject.kind as never) && rel.subjectKinds.includes(object.kind as never)) {
      [subject, object] = [object, subject];
    }
    if (rel.objectKinds && object && !rel.objectKinds.includes(object.kind as never)) object = undefined;
    if (!object && hasObject && rel.objectMarkers.length > 0) {
      const marker = lex.objectMarkers.get(rel.id)!;
      const piece = text.slice(hit.end, clause.end);
      for (const m of allMatches(marker, piece)) {
        const at = hit.end + m.end;
        const cand = afterCue.find((i) => i.start >= at && i !== subject && i.actorId !== subject?.actorId && (!rel.objectKinds || rel.objectKinds.includes(i.kind as never)) && !/[;]/.test(text.slice(at, i.start)));
        if (cand) {
          object = cand;
          break;
        }
      }
    }
    // "In Ecuador, the Yes side won…": a state-scoped event with no agent happened in the state of the fronted phrase.
    if (!subject && rel.subjectScope === 'state' && fronted) subject = clauseItems.find((i) => i.start < from && i.kind === 'state' && !i.possessive);
    let focalGuess = false;
    if (!subject && rel.focalSubject && focal) {
      subject = focal;
      subjectBasis = 'discourse';
      focalGuess = true;
    }
    let carried = false;
    if (!subject && previousSubject) {
      subject = previousSubject;
      subjectBasis = 'discourse';
      carried = true;
    }
    if (!subject && focal) {
      subject = focal;
      subjectBasis = 'discourse';
    }
    if (!subject) return null;
    if (subjectBasis === 'mention' && subject.basis === 'anaphora') subjectBasis = 'anaphora';
    if (subject === focal && subjectBasis === 'mention') subjectBasis = 'discourse';

    let subjectId = subject.actorId;
    if (rel.subjectScope === 'state' && kindOfId(kinds, subjectId) !== 'state') subjectId = stateOf(subjectId) ?? subjectId;
    // "X is risking its independence": a possessive pronoun in the cue of a reflexive relation is the subject itself.
    if (object && rel.objectDefault === 'subject' && object.basis === 'anaphora' && object.possessive && /^(its|his|her|their)$/i.test(text.slice(object.start, object.end))) {
      object = undefined;
    }
    let objectId = object?.actorId;
    if (objectId !== undefined && (rel.objectScope ?? rel.subjectScope) === 'state' && kindOfId(kinds, objectId) !== 'state') objectId = stateOf(objectId) ?? objectId;
    if (objectId === subjectId && rel.objectDefault !== 'subject') {
      object = undefined;
      objectId = undefined;
    }

    const time = timeOf(hit, clause, sent, rel);
    const polarity = negated(hit, clause) ? 'negated' : 'affirmed';
    let modality: Claim['modality'] = 'asserted';
    const clauseMasked = mask(text.slice(clause.start, clause.end), clause.start, dateSpans, actorSpans);
    // A modal after the cue governs the cue only with nothing between that opens another verb phrase: in "visited
    // Minsk, a step that might lead to…" or "hosted talks and will host more", the "might"/"will" are another verb's.
    const governs = (m: { index: number; end: number }) =>
      m.index < hit.end - clause.start || !/[,;:(]|\b(?:that|which|who|whom|whose|where|when|and|or|but|as|so|to)\b/i.test(clauseMasked.slice(hit.end - clause.start, m.index));
    if (allMatches(lex.hedge, clauseMasked).some(governs)) modality = 'hedged';
    if (allMatches(lex.prediction, clauseMasked).some(governs) || isPredicted(time, published)) modality = 'predicted';
    if (reported.is) modality = 'reported';
    // "were asked whether X should…", "if Y wins": what follows the subordinator is not asserted, whoever says it.
    const irrealis =
      allMatches(lex.irrealis, clauseMasked.slice(0, hit.start - clause.start)).length > 0 || (clause.start > sent.start && /^\s*(?:if|unless)\b/i.test(text.slice(sent.start, clause.start)));
    if (irrealis) modality = modality === 'predicted' ? 'predicted' : 'hedged';

    const value = rel.roles.value !== undefined ? valueOf(hit, clause, rel) : undefined;
    const quote = text.slice(sent.start, sent.end);
    const id = stableId(doc.id, 'claim', sent.start, sent.end, `${rel.id}@${hit.start}:${quote}`);
    const mentionIds = new Set<string>();
    if (subject.mentionId) mentionIds.add(subject.mentionId);
    if (object?.mentionId) mentionIds.add(object.mentionId);
    if (value) mentionIds.add(value.mentionId);
    if (time.mentionId) mentionIds.add(time.mentionId);
    if (reported.source?.mentionId) mentionIds.add(reported.source.mentionId);

    let confidence = 0.85;
    if (subjectBasis === 'anaphora') confidence -= 0.2;
    if (subjectBasis === 'discourse') confidence -= focalGuess || passive ? 0.15 : carried ? 0.2 : 0.35;
    if (time.basis === 'narrative') confidence -= 0.1;
    if (time.basis === 'document') confidence -= 0.15;
    if (modality === 'hedged') confidence -= 0.05;
    // Promo lines and list rails left in the body: listed, never corroborating nor taking a side.
    if (furniture) confidence = Math.min(confidence, 0.2);

    const claim: Claim = {
      id,
      docId: doc.id,
      start: sent.start,
      end: sent.end,
      quote,
      subject: subjectId,
      relation: rel.id,
      time,
      polarity,
      modality,
      confidence: Math.max(0.05, Math.round(confidence * 100) / 100),
      mentionIds: [...mentionIds].sort(),
      cue: { start: hit.start, end: hit.end },
      subjectBasis,
    };
    if (object && objectId !== undefined) {
      claim.object = { actorId: objectId };
      if (object.mentionId) claim.object.mentionId = object.mentionId;
      if (object.literal) claim.object.literal = object.literal;
    } else if (rel.objectDefault === 'subject') {
      claim.object = { actorId: subjectId };
    } else if (rel.objectLiteral) {
      claim.object = { literal: rel.objectLiteral };
    } else if (rel.roles.object !== undefined) {
      // A name the gazetteer does not know ("recognise Abkhazia"): kept as a literal, capitalised words just after the cue.
      const m = /^\s+(?:(?:of|the|to|on|in|with|from)\s+){0,2}((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3})/.exec(text.slice(hit.end, clause.end));
      const at = m?.[1] ? hit.end + m[0].length - m[1].length : -1;
      const lit = { start: at, end: at + (m?.[1]?.length ?? 0) };
      if (m?.[1] && !items.some((i) => i.start < lit.end && lit.start < i.end) && !overlapsAny(lit, dateSpans) && !MONTHS.test(m[1])) claim.object = { literal: m[1] };
    }
    // "The EU is easing sanctions": a target told without a name is the story's focal state (never the subject itself).
    if (!claim.object && rel.objectFocal && focal && focal.actorId !== subjectId) claim.object = { actorId: focal.actorId };
    if (rel.requiresObject && !claim.object) return null;
    if (rel.coordination === 'subjects' && !passive && subjectBasis === 'mention' && subject.basis === 'mention') {
      const co = coordinated(subject);
      if (co && co.end <= hit.start && co.kind !== 'place' && !co.adjective) coSubjects.set(claim, { item: co, subjectMentionId: subject.mentionId });
    }
    if (value) claim.value = value;
    if (reported.is && reported.source) claim.attributedTo = reported.source.actorId;
    else if (reported.is && reported.literal) claim.attributedTo = reported.literal;
    return claim;
  }

  function reportingOf(sent: Span2, hit: CueHit): { is: boolean; after?: number; source?: ActorItem; literal?: string } {
    const piece = mask(text.slice(sent.start, hit.start), sent.start, dateSpans, actorSpans);
    const sentItems = itemsWithin(items, sent.start, sent.end);
    const literalAt = (from: number, to: number) => {
      const words = text.slice(from, to).replace(/^[\s,]+|[\s,.;:]+$/g, '');
      return words.length > 0 && words.split(/\s+/).length <= 6 ? words : undefined;
    };
    const acc = allMatches(lex.reportingAfter, mask(text.slice(sent.start, sent.end), sent.start, actorSpans)).pop();
    if (acc) {
      const at = sent.start + acc.end;
      // "according to the Moldovan opposition newspaper X": an adjective is no source; the phrase is.
      const src = sentItems.find((i) => i.start >= at && i.start - at <= 40 && !i.adjective && !inCompound(text, i));
      // "According to the police chief, Viorel C., a network run by X transferred…": the subject comes after the source.
      const phraseEnd = /^[^,;]*,\s*(?:[A-Z][^,;]{0,60},\s*)?/.exec(text.slice(at, hit.start));
      const after = phraseEnd && sent.start + acc.index <= hit.start ? at + phraseEnd[0].length : undefined;
      if (src) return after !== undefined ? { is: true, source: src, after } : { is: true, source: src };
      const end = text.slice(at, sent.end).search(/[,;.]/);
      const literal = literalAt(at, end < 0 ? sent.end : at + end);
      return literal ? { is: true, literal } : { is: true };
    }
    const rep = allMatches(lex.reporting, piece).pop();
    if (rep) {
      const repStart = sent.start + rep.index;
      const src = sentItems.filter((i) => i.end <= repStart && repStart - i.end <= 60).pop();
      const after = sent.start + rep.end;
      return src ? { is: true, after, source: src } : { is: true, after };
    }
    // A trailing attribution: "…, officials said." / "…, the minister told reporters."
    const tailFrom = text.lastIndexOf(',', sent.end);
    if (tailFrom > hit.end) {
      const tail = mask(text.slice(tailFrom, sent.end), tailFrom, dateSpans, actorSpans);
      const m = allMatches(lex.reporting, tail)[0];
      if (m && wordsIn(tail.slice(1, m.index)) <= 5) {
        const src = sentItems.find((i) => i.start > tailFrom && i.end <= tailFrom + m.index);
        if (src) return { is: true, source: src };
        const literal = literalAt(tailFrom + 1, tailFrom + m.index);
        return literal ? { is: true, literal } : { is: true };
      }
    }
    return { is: false };
  }

  function negated(hit: CueHit, clause: Span2): boolean {
    const maskSpans: Span2[] = [...dateSpans];
    const raw = text.slice(clause.start, clause.end);
    if (lex.notNegation) for (const m of allMatches(lex.notNegation, raw)) maskSpans.push({ start: clause.start + m.index, end: clause.start + m.end });
    for (const m of allMatches(/\([^()]*\)/g, raw)) maskSpans.push({ start: clause.start + m.index, end: clause.start + m.end });
    const masked = mask(raw, clause.start, maskSpans);
    const before = masked.slice(0, hit.start - clause.start);
    const neg = allMatches(lex.negation, before).pop();
    if (neg) {
      const between = masked.slice(neg.end, hit.start - clause.start);
      const words = between.trim() === '' ? 0 : between.trim().split(/\s+/).length;
      if (words <= lex.cues.negation.maxGapWords && !BLOCKS_NEGATION.test(between) && negationReaches(clause.start + neg.end, hit)) return true;
    }
    // A negation inside a gap cue ("did not lift the sanctions" is before; "lifted no sanctions" inside).
    const inside = masked.slice(hit.start - clause.start, hit.end - clause.start);
    if (/\b(no|not|never)\b/i.test(inside)) return true;
    if (lex.negationAfter) {
      const after = masked.slice(hit.end - clause.start);
      const m = allMatches(lex.negationAfter, after)[0];
      if (m && m.index <= 3 + after.search(/\S|$/) + 20 && !/[;]/.test(after.slice(0, m.index))) return true;
    }
    return false;
  }

  /**
   * The scope of a negation is its own verb phrase: "did not request annexation" negates the request, but in
   * "did not hide her anger on election night" the negated verb is "hide", and the election is only inside a
   * prepositional phrase after another noun. Hand-written on wink's POS tags (no dependency parser runs here).
   */
  function negationReaches(from: number, hit: CueHit): boolean {
    const toks = nlpOf(doc).tokens.filter((t) => t.start >= from && t.end <= hit.start && !overlapsAny(t, dateSpans));
    const nominal = hit.cue.nominal || NOMINAL_POS.has(posAt.get(hit.start) ?? '');
    // Auxiliaries and modals carry the negation on to the main verb; they are not another verb.
    const verbs = toks.filter((t) => t.pos === 'VERB' && !AUXILIARY.test(text.slice(t.start, t.end)));
    // "can hardly be seen as a sovereign nation", "refused to recognise": the cue completes the one verb between.
    const adjacent = verbs.length === 1 && /^\s*(?:\w+ly\s+)?$/.test(text.slice(verbs[0]!.end, hit.start));
    const completes = adjacent || verbs.length === 1 && /\b(?:as|to)\s*$/i.test(mask(text.slice(verbs[0]!.end, hit.start), verbs[0]!.end, actorSpans));
    if (!nominal) return verbs.length === 0 || completes;
    if (verbs.length > 1) return false;
    // A noun, then a preposition other than "of", before the cue: the cue is in a modifier of another noun.
    let sawNoun = false;
    for (const t of toks) {
      if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON') sawNoun = true;
      else if (t.pos === 'ADP' && sawNoun && !/^of$/i.test(text.slice(t.start, t.end))) return false;
    }
    return true;
  }

  function timeOf(hit: CueHit, clause: Span2, sent: Span2, rel: Relation): Claim['time'] {
    // Distance to the cue span: a date just after a noun cue ("the theft of $1 billion … in 2014") is its own.
    const dist = (d: DateMention) => (d.start >= hit.end ? d.start - hit.end : Math.max(0, hit.start - d.end));
    // A date inside a relative clause after the cue ("troops in X, a land that broke away … in 1992") is that
    // clause's time, not the claim's.
    const ownDate = (d: DateMention) => {
      // "the commission said on Monday": the time of the report, not of what is reported.
      if (REPORT_TIME.test(text.slice(Math.max(clause.start, d.start - 30), d.start))) return false;
      // "The Jan. 18 announcement that X would…": the date of the announcement, not of what it announces.
      if (d.end <= hit.start && REPORT_NOUN_AFTER.test(text.slice(d.end, d.end + 30))) return false;
      if (d.start >= hit.end) return !/\b(?:that|which|who|whose|where)\b/i.test(text.slice(hit.end, d.start));
      // "Shor, a businessman who … was sentenced last year …, has denied paying voters": enclosed in a relative clause.
      const lastComma = text.lastIndexOf(',', d.start);
      if (lastComma >= clause.start && /\b(?:who|which|whose)\b/i.test(text.slice(lastComma, d.start)) && /,/.test(text.slice(d.end, hit.start))) return false;
      return true;
    };
    // A year inside a name ("Zapad 2021 … took place in September") yields to any other date of the same span.
    const inName = (d: DateMention) => /^\d{4}$/.test(d.value) && d.text.trim() === d.value && NOT_NAME_WORD.test(NAME_BEFORE_YEAR.exec(text.slice(Math.max(0, d.start - 40), d.start))?.[1] ?? 'The') === false;
    const near = (ds0: DateMention[]) => {
      const ds = ds0.some((d) => !inName(d)) ? ds0.filter((d) => !inName(d)) : ds0;
      return ds.slice().sort((a, b) => dist(a) - dist(b))[0];
    };
    const inClause = near(itemsWithin(dates, clause.start, clause.end).filter(ownDate));
    // A date of another clause of the sentence is the claim's only when it opens the sentence before the cue's clause
    // ("When X … in 2014, Y …"): a later clause's date is its own verb's, and a "since" date opens another clause's period.
    const otherClauseOk = (d: DateMention) =>
      d.end <= clause.start && !/\bsince\s+(?:the\s+)?(?:\S+\s+){0,3}$/i.test(text.slice(Math.max(sent.start, d.start - 40), d.start));
    const inSentence = inClause ? undefined : near(itemsWithin(dates, sent.start, sent.end).filter((d) => ownDate(d) && otherClauseOk(d)));
    const d = inClause ?? inSentence;
    const mk = (m: DateMention, basis: Claim['time']['basis']): Claim['time'] => {
      const t: Claim['time'] = { mentionId: m.id, value: m.value === 'PRESENT_REF' && published ? published : m.value, basis };
      if (m.range) t.range = m.range;
      // "has not bought gas since December 2022", "troops have been there since 1992": a stance from then to the time of writing.
      else if (rel.kind === 'stance' && published && basis !== 'narrative' && /\bsince\s+(?:\S+\s+){0,4}$/i.test(text.slice(Math.max(sent.start, m.start - 40), m.start)))
        t.range = { start: t.value, end: published };
      return t;
    };
    if (d) return mk(d, inClause ? 'clause' : 'sentence');
    // A stance in the present tense holds at the time of writing; other claims take the narrative's time.
    const firstCueWord = text.slice(hit.start, hit.end).split(/\s+/)[0] ?? '';
    // The tense of the clause up to a few words past the cue ("Russian loans are not enough").
    const present = PRESENT_TENSE.test(text.slice(clause.start, Math.min(clause.end, hit.end + 20))) || (rel.kind === 'stance' && /[^s]s$/i.test(firstCueWord));
    // "has been accused of arresting…", "has kept power by holding referendums": a habit up to now, told in the present
    // perfect with a gerund and no date, has no one time: an unspecified past, not the narrative's nor the publication's.
    const before = text.slice(clause.start, hit.start);
    const perfect = /\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|ne|wn|t)\b[^,;]*?\b(?:by|of)\s+((?:\S+\s+){0,3})$/i.exec(before);
    if (perfect && (/^\w+ing\b/i.test(perfect[1] ?? '') || /^\w+ing\b/i.test(text.slice(hit.start, hit.end)))) return { value: 'PAST_REF', basis: 'document' };
    if (narrative && !present) return mk(narrative, 'narrative');
    return { value: published ?? 'XXXX', basis: 'document' };
  }

  function isPassive(hit: CueHit, clause: Span2): boolean {
    const cueText = text.slice(hit.start, hit.end);
    if (/^(?:was|were|is|are|been|being|be|get|gets|got)\b/i.test(cueText)) return false;
    const first = (cueText.split(/\s+/)[0] ?? '').toLowerCase();
    if (!/(?:ed|en)$/.test(first) && !IRREGULAR_PARTICIPLES.has(first)) return false;
    const before = mask(text.slice(clause.start, hit.start), clause.start, dateSpans);
    const aux = lastMatch(PASSIVE_AUXILIARY, before);
    if (!aux) return false;
    const between = before.slice(aux.end);
    return /^(?:[\s,]|\b(?:\w+ed|\w+en|and|or|not|never|later|then|also|again|\w+ly|in|on|at|during|after|subsequently)\b)*$/i.test(between);
  }

  function valueOf(hit: CueHit, clause: Span2, rel: Relation): Claim['value'] | undefined {
    // The value must be of the role's type (money is never a headcount) and, when the relation says so, close to the cue.
    const unitOk = (u: string) => !rel.valueUnits || rel.valueUnits.some((w) => w === u || (w === 'money' && /^[A-Z]{3,6}$/.test(u)));
    const nearOk = (q: Span2) =>
      rel.valueMaxWords === undefined || wordsIn(q.start >= hit.end ? text.slice(hit.end, q.start) : text.slice(q.end, hit.start)) <= rel.valueMaxWords;
    const qs = itemsWithin(quantities, clause.start, clause.end).filter(
      (q) => !overlapsAny(q, dateSpans) && q.unit !== 'rank' && unitOk(q.unit) && nearOk(q) && !/\b(lei|leu|rubles?|roubles?|hryvnias?|manats?|lari|drams?|tenge|som|dinars?|euros?|dollars?)\b/i.test(q.measure ?? ''),
    );
    const q = qs.slice().sort((a, b) => Math.abs(a.start - hit.start) - Math.abs(b.start - hit.start))[0];
    if (!q) return undefined;
    const v: NonNullable<Claim['value']> = { mentionId: q.id, value: q.value, unit: q.unit };
    if (q.upper !== undefined) v.upper = q.upper;
    if (q.qualifier !== undefined) v.qualifier = q.qualifier;
    if (q.measure !== undefined) v.measure = q.measure;
    return v;
  }
}
