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
import { type Token, nlpOf } from '../adapters/wink.ts';
import {
  type CompiledCue,
  type CueRelation,
  type Lexicon,
  type PrefixTrie,
  type StartIndex,
  PREFIX_ENDS,
  PREFIX_LETTER,
  PREFIX_SPACE,
  PREFIX_WORD_ENDS,
  loadLexicon,
  prefixChild,
  prefixLetterOf,
} from './lexicon.ts';
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

/**
 * An actor-like item in the text: a mention, a literal bloc ("the West"), or a resolved pronoun. Made only by
 * actorItem, so that every item has the one hidden class the code reading them is optimised for.
 */
interface ActorItem {
  start: number;
  end: number;
  actorId: string;
  kind: string;
  mentionId: string | undefined;
  literal: string | undefined;
  basis: 'mention' | 'anaphora';
  possessive: boolean;
  adjective: boolean;
}

function actorItem(
  start: number,
  end: number,
  actorId: string,
  kind: string,
  mentionId: string | undefined,
  literal: string | undefined,
  basis: 'mention' | 'anaphora',
  possessive: boolean,
  adjective: boolean,
): ActorItem {
  return { start, end, actorId, kind, mentionId, literal, basis, possessive, adjective };
}

/** The item as its state: the same place and mention, standing for the state (no adjective of it). */
function asStateItem(it: ActorItem, stateId: string): ActorItem {
  return actorItem(it.start, it.end, stateId, 'state', it.mentionId, it.literal, it.basis, it.possessive, false);
}

/**
 * What the claims read of a date mention, in one shape: the mentions themselves come in a dozen (their optional
 * fields vary), too many for the code that reads them to stay optimised.
 */
interface DateRef {
  id: string;
  start: number;
  end: number;
  text: string;
  value: string;
  range: DateMention['range'];
}

/** What the claims read of a quantity mention, in one shape (as DateRef). */
interface QuantityRef {
  id: string;
  start: number;
  end: number;
  value: number;
  unit: string;
  upper: number | undefined;
  qualifier: string | undefined;
  measure: string | undefined;
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

/**
 * The spans of a list, as plain {start, end}. Pushed into an array literal rather than mapped (here and for the other
 * arrays of records the stage makes): a literal's allocation site learns that it holds objects, so that even an empty
 * one is then made as an array of objects, whereas map makes an empty one as an array of small integers, another
 * hidden class, on which code optimised for arrays of objects deoptimises ("wrong map").
 */
function spansOf(list: readonly Span2[]): Span2[] {
  const out: Span2[] = [];
  for (const s of list) out.push({ start: s.start, end: s.end });
  return out;
}

/** Whether [start, end) overlaps any of the spans. */
function overlapsAny(start: number, end: number, spans: readonly Span2[]): boolean {
  for (const s of spans) if (start < s.end && s.start < end) return true;
  return false;
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

/**
 * Whether a sentence is a question: /\?\s*["”’)]*$/ on it with its trailing space trimmed, read back from its end
 * (no copy of it, no scan from its start).
 */
function endsInQuestion(text: string, sent: Span2): boolean {
  let k = sent.end - 1;
  while (k >= sent.start && prefixLetterOf(text.charCodeAt(k)) === PREFIX_SPACE) k--;
  while (k >= sent.start && '"”’)'.includes(text[k]!)) k--;
  while (k >= sent.start && prefixLetterOf(text.charCodeAt(k)) === PREFIX_SPACE) k--;
  return k >= sent.start && text.charCodeAt(k) === 63;
}

function paragraphIndexAt(doc: Doc, pos: number): number {
  return doc.paragraphs.findIndex((p) => pos >= p.start && pos < p.end);
}

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
    const asState = it.kind === 'state' ? it : asStateItem(it, k);
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
  const votes = new Map<string, Gender | 'both'>();
  const people = items.filter((i) => i.kind === 'person' && i.basis === 'mention');
  for (const p of people) {
    const before = text.slice(Math.max(0, p.start - 25), p.start);
    const after = /^,\s+(?:a|an|the)\s+[^,.;]{0,60}/.exec(text.slice(p.end, p.end + 80))?.[0] ?? '';
    if (namesGender(lex.female, before, after)) vote(votes, p.actorId, 'female');
    if (namesGender(lex.male, before, after)) vote(votes, p.actorId, 'male');
  }
  for (const sent of sentences) {
    const ps = itemsWithin(people, sent.start, sent.end);
    // No person before a pronoun: no vote (most sentences).
    if (ps.length === 0) continue;
    const piece = text.slice(sent.start, sent.end);
    PRONOUN.lastIndex = 0;
    for (let m = PRONOUN.exec(piece); m !== null; m = PRONOUN.exec(piece)) {
      const prior = onlyActorBefore(ps, sent.start + m.index);
      if (prior !== undefined) vote(votes, prior, pronounGender(m[1]!)!);
    }
  }
  const out = new Map<string, Gender>();
  for (const [id, g] of votes) if (g !== 'both') out.set(id, g);
  return out;
}

/** Count a vote for a person's gender: one that differs from an earlier one leaves the gender unknown ('both'). */
function vote(votes: Map<string, Gender | 'both'>, id: string, g: Gender): void {
  const cur = votes.get(id);
  if (cur === undefined) votes.set(id, g);
  else if (cur !== g) votes.set(id, 'both');
}

/** Whether a gendered title or noun (a global expression) stands just before a name or in the apposition after it. */
function namesGender(re: RegExp, before: string, after: string): boolean {
  const b = lastMatch(re, before);
  if (b && /^[\s.]*$/.test(before.slice(b.end))) return true;
  re.lastIndex = 0;
  return after !== '' && re.test(after);
}

/** The actor of the items ending at or before `at`, when they are all one actor; else undefined. */
function onlyActorBefore(items: readonly ActorItem[], at: number): string | undefined {
  let only: string | undefined;
  for (const i of items) {
    if (i.end > at) continue;
    if (only === undefined) only = i.actorId;
    else if (i.actorId !== only) return undefined;
  }
  return only;
}

/** An anaphor found in the text, before it is resolved. */
interface Anaphor {
  span: Span2;
  kinds: string[];
  possessive: boolean;
  resolve: 'recent' | 'salient';
  preferRegion: boolean;
}

/** What a doc's anaphors are resolved against (made once per doc, every field present). */
interface Antecedents {
  text: string;
  items: ActorItem[];
  /** Items and resolved anaphors by start (items first at one start), kept as anaphors are resolved. */
  pool: ActorItem[];
  sentences: Span2[];
  gender: Map<string, Gender>;
  subjectLike: Set<ActorItem>;
  stateOf: StateOf;
  isRegion: ((id: string) => boolean) | undefined;
}

/** Build the actor items of a doc: mentions, literal blocs, then resolved anaphors, in text order. */
function actorItems(
  doc: Doc,
  lex: Lexicon,
  actors: ActorMention[],
  kinds: Map<string, string>,
  stateOf: StateOf,
  hits: PrefixHits,
  sentences: Span2[],
  pos?: PosAt,
  isRegion?: (id: string) => boolean,
): ActorItem[] {
  const text = doc.text;
  const items: ActorItem[] = [];
  for (const a of actors) items.push(actorItem(a.start, a.end, a.actorId, a.kind, a.id, undefined, 'mention', isPossessiveAt(text, a.end), a.matchedBy === 'adjective'));
  const taken = spansOf(actors);
  addLiteralItems(text, lex, hits, kinds, items, taken);
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  // Anaphors: resolved against the items before them (cheap: the last actor of a compatible kind, within a window).
  const anaphors = anaphorsIn(text, lex, hits, taken);
  const known: Antecedents = {
    text,
    items,
    pool: items.slice(),
    sentences,
    gender: genderEvidence(text, lex, items, sentences),
    subjectLike: subjectLikeItems(text, items, sentences, nlpOf(doc).tokens, pos),
    stateOf,
    isRegion,
  };
  const resolved: ActorItem[] = [];
  let lastEnd = -1;
  for (const an of anaphors) {
    if (an.span.start < lastEnd) continue;
    lastEnd = an.span.end;
    const anaphor = resolveAnaphor(known, an);
    if (!anaphor) continue;
    resolved.push(anaphor);
    // After the items and earlier anaphors that start at or before it (the order of a stable sort by start).
    known.pool.splice(lastAtOrBefore(known.pool, anaphor.start) + 1, 0, anaphor);
  }
  for (const it of items) kinds.set(it.actorId, it.kind);
  return items.concat(resolved).sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The literal blocs of the text ("the West") not inside a mention, added to items (and their spans to taken). */
function addLiteralItems(text: string, lex: Lexicon, hits: PrefixHits, kinds: Map<string, string>, items: ActorItem[], taken: Span2[]): void {
  const from = lex.compiled.length + lex.anaphora.length;
  for (const [literalNo, matches] of spanMatches(text, { start: 0, end: text.length }, hits, lex.startIndex, from, from + lex.literalActors.length)) {
    const l = lex.literalActors[literalNo]!;
    for (const m of matches) {
      if (overlapsAny(m.index, m.end, taken)) continue;
      taken.push({ start: m.index, end: m.end });
      kinds.set(l.id, l.kind);
      const surface = text.slice(m.index, m.end);
      items.push(actorItem(m.index, m.end, l.id, l.kind, undefined, surface, 'mention', isPossessiveAt(text, m.end), l.adjective?.test(surface) ?? false));
    }
  }
}

/** The anaphors of the text outside the taken spans, longest first at one place ("the country's" over "the country"). */
function anaphorsIn(text: string, lex: Lexicon, hits: PrefixHits, taken: readonly Span2[]): Anaphor[] {
  const anaphors: Anaphor[] = [];
  const from = lex.compiled.length;
  for (const [anaphorNo, matches] of spanMatches(text, { start: 0, end: text.length }, hits, lex.startIndex, from, from + lex.anaphora.length)) {
    const a = lex.anaphora[anaphorNo]!;
    for (const m of matches) {
      if (overlapsAny(m.index, m.end, taken)) continue;
      if (lex.expletive) {
        lex.expletive.lastIndex = m.index;
        if (lex.expletive.test(text)) continue;
      }
      anaphors.push({ span: { start: m.index, end: m.end }, kinds: a.kinds, possessive: a.possessive, resolve: a.resolve, preferRegion: a.preferRegion });
    }
  }
  return anaphors.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

/**
 * Subject-like mentions: the first actor that can head a subject in its sentence (centering: a pronoun in a
 * new sentence usually continues the previous subject, not the last name mentioned).
 */
function subjectLikeItems(text: string, items: readonly ActorItem[], sentences: readonly Span2[], tokens: readonly Token[], pos: PosAt | undefined): Set<ActorItem> {
  const subjectLike = new Set<ActorItem>();
  for (const s of sentences) {
    const it = subjectIn(text, items, s.start, s.end, 'first', pos);
    // Only before the sentence's first verb: "… had approved a referendum on joining Russia" has no subject named.
    if (it && !verbBetween(tokens, s.start, it.start)) subjectLike.add(it);
  }
  return subjectLike;
}

/** The item an anaphor stands for, at the anaphor's place; undefined when nothing fits. */
function resolveAnaphor(known: Antecedents, an: Anaphor): ActorItem | undefined {
  const { text, items, stateOf } = known;
  let found: ActorItem | undefined;
  // "Moldovan police", "Georgia's parliament": the state named just before the description is the one meant.
  const qualifier = items.find((it) => (it.adjective || it.possessive) && it.kind === 'state' && it.end <= an.span.start && /^\s*(?:['’]s?\s*)?$/.test(text.slice(it.end, an.span.start)));
  if (an.resolve === 'salient' && qualifier) found = qualifier;
  // "the government in Chisinau", "the parliament of Georgia": the state of the place named right after.
  const seat = an.resolve === 'salient' && !qualifier ? items.find((it) => it.start >= an.span.end && /^\s+(?:in|of)\s+$/i.test(text.slice(an.span.end, it.start))) : undefined;
  const seatState = seat ? (seat.kind === 'state' ? seat.actorId : stateOf(seat.actorId)) : undefined;
  if (seat && seatState) found = asStateItem(seat, seatState);
  if (an.resolve === 'salient' && !found) found = mostSalientState(items.filter((it) => it.end <= an.span.start && an.span.start - it.end <= 600), stateOf);
  found ??= antecedentOf(known, an);
  if (!found) return undefined;
  const basis = found === qualifier || (seat !== undefined && found.actorId === seatState) ? 'mention' : 'anaphora';
  return actorItem(an.span.start, an.span.end, found.actorId, found.kind, found.mentionId, found.literal, basis, an.possessive, false);
}

/**
 * The antecedent of a pronoun or description among the compatible items before it: one in a de facto state when
 * the anaphor prefers that; the nearest one in the same sentence ("Sandu said she…"); otherwise the latest
 * subject-like one of the previous two sentences, else the nearest.
 */
function antecedentOf(known: Antecedents, an: Anaphor): ActorItem | undefined {
  const candidates = candidatesBefore(known, an);
  const isRegion = known.isRegion;
  if (an.preferRegion && isRegion) {
    const region = candidates.find((c) => isRegion(c.actorId));
    if (region) return region;
  }
  if (candidates.length === 0) return undefined;
  const { sentences, subjectLike } = known;
  const here = sentences.find((s) => an.span.start >= s.start && an.span.start < s.end);
  const nearest = candidates[0]!;
  const sameSentence = here ? candidates.filter((c) => c.start >= here.start) : [];
  if (sameSentence.length > 0) return sameSentence.find((c) => subjectLike.has(c)) ?? nearest;
  const prev = here ? sentences.filter((s) => s.end <= here.start).slice(-2) : [];
  const from = prev[0]?.start ?? -1;
  return candidates.find((c) => c.start >= from && subjectLike.has(c)) ?? nearest;
}

/** The items and earlier anaphors of a kind the anaphor can stand for, ending before it within a window, nearest first. */
function candidatesBefore(known: Antecedents, an: Anaphor): ActorItem[] {
  const { text, pool, gender } = known;
  const g = pronounGender(text.slice(an.span.start, an.span.end));
  const candidates: ActorItem[] = [];
  // Earlier resolved anaphors count as mentions of what they resolved to ("the region … It did not."). Items
  // starting after the anaphor end after it too: the walk back starts at the last one starting at or before it.
  for (let i = lastAtOrBefore(pool, an.span.start); i >= 0; i--) {
    const it = pool[i]!;
    if (it.end > an.span.start) continue;
    if (an.span.start - it.end > 1500) break;
    if (!an.kinds.includes(it.kind) || it.adjective || inCompound(text, it)) continue;
    // Never "she" for a person known to be male, nor "he" for one known to be female.
    if (g && it.kind === 'person' && gender.get(it.actorId) !== undefined && gender.get(it.actorId) !== g) continue;
    candidates.push(it);
  }
  return candidates;
}

interface CueHit {
  cue: CompiledCue;
  start: number;
  end: number;
}

/** Cue matches of the clause: earliest then longest first, no two overlapping, none inside an actor name. */
function cueHits(text: string, clause: Span2, lex: Lexicon, blocked: readonly Span2[], prefixHits: PrefixHits): CueHit[] {
  const hits: CueHit[] = [];
  for (const [cueNo, matches] of spanMatches(text, clause, prefixHits, lex.startIndex, 0, lex.compiled.length)) {
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

/**
 * \w without the u flag: [A-Za-z0-9_], i.e. PREFIX_LETTER's letters and digits, and the underscore. A table
 * rather than a chain of ranges: each test here runs for every character, so none is left without type feedback
 * when the caller is optimised (an upper-case letter after a cue prefix is rare, and deoptimised it).
 */
function isRegexWordCharCode(c: number): boolean {
  return c === 95 || (c < 128 && c !== 45 && PREFIX_LETTER[c]! >= 0 && PREFIX_LETTER[c]! !== PREFIX_SPACE);
}

type Match = { index: number; end: number };

/** A word character for the cues' `(?<![\w-])` ([A-Za-z0-9_-]): a cue match starts only where the one before is none. */
function isWordStartCharCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * The prefixes of a start index found in a text: one record per expression one of whose prefixes stands at a
 * word start (the trie walked from there: addPrefixHits), in text order. Parallel arrays: no object per record.
 */
export interface PrefixHits {
  /** Where the prefix starts (ascending). */
  at: number[];
  /** The expression's number in the index. */
  expression: number[];
  /** Where the walk took the prefix's last step (a character, or the start of a whitespace run): a span ending at or before it cuts the prefix. */
  last: number[];
  /** A whole-word prefix followed by a word character: where that character is (a span ending there ends the word); else Infinity. */
  wordEnd: number[];
}

function noPrefixHits(): PrefixHits {
  return { at: [], expression: [], last: [], wordEnd: [] };
}

/** The prefix hits of a whole text: the trie walked once from each of its word starts. (Exported for its tests.) */
export function prefixHitsOf(text: string, index: StartIndex): PrefixHits {
  const hits = noPrefixHits();
  addPrefixHits(text, 0, text.length, text.length, index.trie, hits);
  return hits;
}

/**
 * Add to hits the prefixes of the trie that stand at `from` and at the word starts after it before `to`, read
 * up to `end`. One loop over the characters and the walks from them (no call per word start: this is the stage's
 * hottest loop).
 */
function addPrefixHits(text: string, from: number, to: number, end: number, trie: PrefixTrie, hits: PrefixHits): void {
  let previousIsWord = false;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    const isWord = isWordStartCharCode(code);
    const wordStart = at === from || (isWord && !previousIsWord);
    previousIsWord = isWord;
    if (!wordStart) continue;
    let letter = prefixLetterOf(code);
    // The root has no space child: a prefix starts with a letter.
    let node = letter >= 0 ? trie.rootNext[letter]! : -1;
    let last = at;
    for (let k = at + 1; node >= 0; k++) {
      const ends = trie.ends[node]!;
      if (ends !== 0) {
        if ((ends & PREFIX_ENDS) !== 0) for (const expression of trie.expressions[node]!) addPrefixHit(hits, at, expression, last, Infinity);
        if ((ends & PREFIX_WORD_ENDS) !== 0) {
          const wordEnd = k >= end || !isRegexWordCharCode(text.charCodeAt(k)) ? Infinity : k;
          for (const expression of trie.wordExpressions[node]!) addPrefixHit(hits, at, expression, last, wordEnd);
        }
      }
      if (k >= end) break;
      last = k;
      letter = prefixLetterOf(text.charCodeAt(k));
      if (letter < 0) break;
      node = prefixChild(trie, node, letter);
      // A space of the trie stands for the whole whitespace run.
      if (letter === PREFIX_SPACE) while (k + 1 < end && prefixLetterOf(text.charCodeAt(k + 1)) === PREFIX_SPACE) k++;
    }
  }
}

function addPrefixHit(hits: PrefixHits, at: number, expression: number, last: number, wordEnd: number): void {
  hits.at.push(at);
  hits.expression.push(expression);
  hits.last.push(last);
  hits.wordEnd.push(wordEnd);
}

/**
 * allMatches of each expression numbered from `from` to `to` in the index over the span of the text (offsets in
 * the span, as over text.slice(span.start, span.end)), as [expression number - from, matches] in number order,
 * leaving out expressions without a match. Each expression is tried, sticky, only where one of its prefixes
 * stands in the span as a walk of the span alone would find it: at the span's start (a word start of the span
 * whatever precedes it) and at the text's word starts inside it, with no step of the prefix past the span's end
 * (`last`) and a whole word ending at the span's end or before a non-word character (`wordEnd`). The same matches
 * as a full scan, as no match of an expression starts anywhere else. `hits`: prefixHitsOf(text, index).
 * (Exported for its tests.)
 */
export function spanMatches(text: string, span: Span2, hits: PrefixHits, index: StartIndex, from: number, to: number): [number, Match[]][] {
  const length = span.end - span.start;
  // Each hit the span holds as one number, expression then place, so that one numeric sort groups them.
  const keys: number[] = [];
  addSpanKeys(keys, hits, span, from, to);
  // A span starting inside a word of the text starts a word of its own (no prefix hit of the text's is there).
  if (span.start > 0 && span.start < span.end && isWordStartCharCode(text.charCodeAt(span.start)) && isWordStartCharCode(text.charCodeAt(span.start - 1))) {
    const own = noPrefixHits();
    addPrefixHits(text, span.start, span.start + 1, span.end, index.trie, own);
    addSpanKeys(keys, own, span, from, to);
  }
  const out: [number, Match[]][] = [];
  // Most clauses hold no hit: nothing to slice nor sort.
  if (keys.length === 0 && index.always.length === 0) return out;
  const piece = span.start === 0 && span.end === text.length ? text : text.slice(span.start, span.end);
  for (const expression of index.always) {
    if (expression < from || expression >= to) continue;
    const matches = allMatches(index.expressions[expression]!.re, piece);
    if (matches.length > 0) out.push([expression - from, matches]);
  }
  const sorted = Float64Array.from(keys).sort();
  for (let i = 0; i < sorted.length; ) {
    const expression = Math.floor(sorted[i]! / (length + 1));
    const positions: number[] = [];
    for (; i < sorted.length && Math.floor(sorted[i]! / (length + 1)) === expression; i++) positions.push(sorted[i]! - expression * (length + 1));
    const found = matchesAt(index.expressions[expression]!.sticky, piece, positions);
    if (found.length === 0) continue;
    const matches: Match[] = [];
    for (const m of found) matches.push({ index: m.index, end: m.index + m[0].length });
    out.push([expression - from, matches]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** Push the keys (expression × (span length + 1) + place in the span) of the hits in the span of expressions in [from, to). */
function addSpanKeys(keys: number[], hits: PrefixHits, span: Span2, from: number, to: number): void {
  const length = span.end - span.start;
  for (let i = partitionPoint(hits.at, (at) => at < span.start); i < hits.at.length && hits.at[i]! < span.end; i++) {
    const expression = hits.expression[i]!;
    if (expression < from || expression >= to || hits.last[i]! >= span.end || span.end > hits.wordEnd[i]!) continue;
    keys.push(expression * (length + 1) + hits.at[i]! - span.start);
  }
}


/** An actor glued into a compound modifier ("Moscow-friendly", "Russian-backed"): never a subject or object. */
function inCompound(text: string, it: Span2): boolean {
  // /^-[a-z]/ on the two characters after it, without the slice (nor a read past the end).
  if (it.end + 1 >= text.length) return false;
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
function posIndex(tokens: readonly Token[]): PosAt {
  return {
    get(start: number): string | undefined {
      const i = lastTokenAtOrBefore(tokens, start);
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
function verbBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = lastTokenAtOrBefore(tokens, from - 1) + 1; i < tokens.length && tokens[i]!.start < to; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
  return false;
}

/** Index of the last of `sorted` (by start, ascending) whose start is at or before `pos`, or -1. */
function lastAtOrBefore(sorted: readonly Span2[], pos: number): number {
  return partitionPoint(sorted, (x) => x.start <= pos) - 1;
}

/** lastAtOrBefore for tokens: a call site of their own, so that the tokens' shapes and the items' never meet in one. */
function lastTokenAtOrBefore(tokens: readonly Token[], pos: number): number {
  return partitionPoint(tokens, (t) => t.start <= pos) - 1;
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
    const next = k + 1 < inRange.length ? inRange[k + 1] : undefined;
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

/** A doc's inputs to its claims, made once per doc with every field present (one shape for all that read it). */
interface ClaimContext {
  doc: Doc;
  text: string;
  lex: Lexicon;
  stateOf: StateOf;
  published: string | null;
  /** Leave claims/no-subject messages on the doc. */
  report: boolean;
  /** Date mentions with an interval (DATE or TIME), by start. */
  dates: DateRef[];
  quantities: QuantityRef[];
  /** Actor kinds by id (mentions and literal blocs). */
  kinds: Map<string, string>;
  tokens: readonly Token[];
  posAt: PosAt;
  /** The lexicon's prefix hits in the text (prefixHitsOf). */
  prefixHits: PrefixHits;
  items: ActorItem[];
  /** The story's most salient state: a copy, as it stands for the story, not for the mention it was counted from. */
  focal: ActorItem | undefined;
  actorSpans: Span2[];
  dateSpans: Span2[];
}

/**
 * A cue's claim, with what choosing among a clause's claims reads: its own fields, as a Claim's shape varies
 * with the optional ones it has.
 */
interface CueClaim {
  claim: Claim;
  id: string;
  relation: string;
  cueStart: number;
  /** The claim's object is an actor. */
  objectActor: boolean;
  /** "The EU and the US lifted sanctions": the second of two coordinated subjects (a claim of its own). */
  coSubject: CoSubject | undefined;
}

interface CoSubject {
  item: ActorItem;
  subjectMentionId: string | undefined;
}

export function extractClaims(doc: Doc, opts: ExtractOptions = {}): Claim[] {
  const sentences = sentenceSpans(doc);
  const cx = claimContext(doc, opts, sentences);
  const claims: Claim[] = [];
  const seenIds = new Set<string>();
  let narrative: DateRef | undefined;
  let narrativePara = -2;
  let topic: ActorItem | undefined;
  let topicPara = -2;
  for (const sent of sentences) {
    const para = paragraphIndexAt(doc, sent.start);
    const pkind = para >= 0 ? doc.paragraphs[para]!.kind : 'paragraph';
    if (para !== narrativePara) {
      narrative = undefined;
      narrativePara = para;
    }
    const skip = pkind === 'byline' || pkind === 'dateline' || endsInQuestion(cx.text, sent);
    if (!skip) {
      // The topic carries on: the previous sentence's subject (same paragraph) when a clause names none of its own.
      topic = addSentenceClaims(cx, sent, pkind, para === topicPara ? topic : undefined, narrative, claims, seenIds);
      topicPara = para;
    }
    narrative = narrativeAfter(cx, sent, narrative);
  }
  return claims;
}

/** The doc's mentions as the claims read them, its actor items and its focal state. */
function claimContext(doc: Doc, opts: ExtractOptions, sentences: Span2[]): ClaimContext {
  const lex = opts.lexicon ?? loadLexicon();
  const stateOf = opts.stateOf ?? (() => undefined);
  const text = doc.text;
  const published = doc.meta.published;
  const actors = doc.mentions.filter((m): m is ActorMention => m.type === 'actor').sort((a, b) => a.start - b.start);
  const dateMentions = doc.mentions
    .filter((m): m is DateMention => m.type === 'date' && (m.timexType === 'DATE' || m.timexType === 'TIME'))
    .filter((d) => intervalOfTime(d, published) !== null)
    .sort((a, b) => a.start - b.start);
  const dates: DateRef[] = [];
  for (const d of dateMentions) dates.push({ id: d.id, start: d.start, end: d.end, text: d.text, value: d.value, range: d.range });
  const quantities: QuantityRef[] = [];
  for (const q of doc.mentions.filter((m): m is QuantityMention => m.type === 'quantity').sort((a, b) => a.start - b.start)) {
    quantities.push({ id: q.id, start: q.start, end: q.end, value: q.value, unit: q.unit, upper: q.upper, qualifier: q.qualifier, measure: q.measure });
  }
  const kinds = new Map<string, string>();
  const tokens = nlpOf(doc).tokens;
  const posAt = posIndex(tokens);
  const prefixHits = prefixHitsOf(text, lex.startIndex);
  const items = actorItems(doc, lex, actors, kinds, stateOf, prefixHits, sentences, posAt, opts.isRegion);
  const salient = mostSalientState(items.filter((i) => i.basis === 'mention'), stateOf);
  return {
    doc,
    text,
    lex,
    stateOf,
    published,
    report: opts.report !== false,
    dates,
    quantities,
    kinds,
    tokens,
    posAt,
    prefixHits,
    items,
    focal: salient ? actorItem(salient.start, salient.end, salient.actorId, salient.kind, salient.mentionId, salient.literal, salient.basis, salient.possessive, salient.adjective) : undefined,
    actorSpans: spansOf(actors),
    dateSpans: spansOf(dates),
  };
}

/** The narrative's time after a sentence: its last date that opens no "since" period; none if all its dates do; else as it was. */
function narrativeAfter(cx: ClaimContext, sent: Span2, narrative: DateRef | undefined): DateRef | undefined {
  const sentDates = itemsWithin(cx.dates, sent.start, sent.end);
  // A "since" date opens a period up to the time of writing: it is no time for the sentences after it to carry.
  const lastDate = sentDates.filter((d) => !/\bsince\s+(?:the\s+)?(?:\S+\s+){0,3}$/i.test(cx.text.slice(Math.max(sent.start, d.start - 40), d.start))).pop();
  if (lastDate) return lastDate;
  return sentDates.length > 0 ? undefined : narrative;
}

/** The claims of a sentence, added to claims (each id once); returns the subject its last clause leaves for the next. */
function addSentenceClaims(
  cx: ClaimContext,
  sent: Span2,
  pkind: string,
  previousSubject: ActorItem | undefined,
  narrative: DateRef | undefined,
  claims: Claim[],
  seenIds: Set<string>,
): ActorItem | undefined {
  const { text, lex } = cx;
  const sentence = text.slice(sent.start, sent.end);
  // A wire dateline ("CHISINAU, Nov 4 (Wire) -") opens the sentence but is no part of any clause.
  let body = sent;
  for (const re of lex.datelines) {
    const m = re.exec(sentence);
    if (m && m[0].length < sentence.length) {
      body = { start: sent.start + m[0].length, end: sent.end };
      break;
    }
  }
  // Read only for a sentence with a cue (most have none).
  let furniture: boolean | undefined;
  let lastSubject = previousSubject;
  for (const clause of clauseSpans(text, body, lex)) {
    const hits = cueHits(text, clause, lex, cx.actorSpans, cx.prefixHits);
    if (hits.length > 0) furniture ??= allMatches(lex.furniture, sentence).length > 0 || pkind === 'list-item';
    for (const c of clauseClaims(cx, hits, clause, sent, lastSubject, furniture ?? false, narrative)) {
      if (!seenIds.has(c.id)) {
        seenIds.add(c.id);
        claims.push(c.claim);
      }
      const co = c.coSubject ? coordinatedClaim(cx, c.claim, c.coSubject) : undefined;
      if (co && !seenIds.has(co.id)) {
        seenIds.add(co.id);
        claims.push(co);
      }
    }
    const s = subjectIn(text, cx.items, clause.start, clause.end, 'first', cx.posAt);
    if (s) lastSubject = s;
  }
  return lastSubject;
}

/**
 * The claims of a clause's cue hits (cueHits): one per relation, in cue order; of several cues of one relation,
 * the one that found an object ("first won the presidency …, defeating Igor Dodon"), else the first.
 */
function clauseClaims(
  cx: ClaimContext,
  hits: readonly CueHit[],
  clause: Span2,
  sent: Span2,
  previousSubject: ActorItem | undefined,
  furniture: boolean,
  narrative: DateRef | undefined,
): CueClaim[] {
  const best = new Map<string, CueClaim>();
  for (const hit of hits) {
    const claim = buildClaim(cx, hit, clause, sent, previousSubject, furniture, narrative);
    if (!claim) {
      if (cx.report && !hit.cue.relation.requiresObject)
        message(cx.doc, 'claims/no-subject', 'claims', `"${cx.text.slice(hit.start, hit.end)}" (${hit.cue.relation.id}) has no resolvable subject`, { place: { start: hit.start, end: hit.end } });
      continue;
    }
    const prev = best.get(claim.relation);
    if (!prev || (!prev.objectActor && claim.objectActor)) best.set(claim.relation, claim);
  }
  return [...best.values()].sort((a, b) => a.cueStart - b.cueStart);
}

/** The claim again with the coordinated subject ("the EU and the US imposed…": the US imposed… too), unless it is one of its parties. */
function coordinatedClaim(cx: ClaimContext, claim: Claim, co: CoSubject): Claim | undefined {
  const rel = cx.lex.relations.get(claim.relation);
  let coId = co.item.actorId;
  if (rel?.subjectScope === 'state' && kindOfId(cx.kinds, coId) !== 'state') coId = cx.stateOf(coId) ?? coId;
  if (coId === claim.subject || coId === claim.object?.actorId) return undefined;
  const mentionIds = new Set(claim.mentionIds.filter((m) => m !== co.subjectMentionId));
  if (co.item.mentionId) mentionIds.add(co.item.mentionId);
  const id = stableId(cx.doc.id, 'claim', claim.start, claim.end, `${claim.relation}@${claim.cue!.start}+${coId}:${claim.quote}`);
  return { ...claim, id, subject: coId, mentionIds: [...mentionIds].sort() };
}

/** A source of reported speech: whether the cue is reported, where the subject is looked for after the phrase, and who says it. */
interface Reporting {
  is: boolean;
  after: number | undefined;
  source: ActorItem | undefined;
  literal: string | undefined;
}

/** A reported cue's Reporting. */
function reporting(after: number | undefined, source: ActorItem | undefined, literal: string | undefined): Reporting {
  return { is: true, after, source, literal };
}

const NOT_REPORTED: Reporting = { is: false, after: undefined, source: undefined, literal: undefined };

/** One cue hit and what its claim is read from (made once per hit, every field present). */
interface CueScope {
  hit: CueHit;
  rel: CueRelation;
  clause: Span2;
  sent: Span2;
  /** The clause's actor items, and those of them from the cue on. */
  clauseItems: ActorItem[];
  afterCue: ActorItem[];
  reported: Reporting;
  /** Where the subject is looked for: after a reporting phrase, a fronted phrase or an opening subordinator. */
  from: number;
  fronted: RegExpExecArray | null;
  /** The cue is inside the fronted phrase. */
  inFronted: boolean;
  /** The main clause's subject, for a cue in a fronted phrase with no actor of its own before it. */
  frontedSubject: ActorItem | undefined;
  /** "the European Union, which opened accession talks…": the head of a relative clause is its agent. */
  relHead: ActorItem | undefined;
  hasObject: boolean;
}

function cueScope(cx: ClaimContext, hit: CueHit, clause: Span2, sent: Span2): CueScope {
  const { text, items } = cx;
  const rel = hit.cue.relation;
  const clauseItems = itemsWithin(items, clause.start, clause.end);
  const reported = reportingOf(cx, sent, hit);
  let from = reported.after !== undefined && reported.after <= hit.start && reported.after >= clause.start ? reported.after : clause.start;
  const fronted = (from === clause.start ? cx.lex.fronted?.exec(text.slice(clause.start, clause.end)) : null) ?? null;
  if (fronted) from = clause.start + fronted[0].length;
  else if (from === clause.start) {
    // A clause opened by its subordinator ("since the country gained…"): the subject follows it.
    const sub = /^\s*(?:since|when|because|although|though|whereas|unless|while|if|once|until)\s+/i.exec(text.slice(clause.start, hit.start));
    if (sub) from = clause.start + sub[0].length;
  }
  // "After gaining its independence in 1991, Belarus kept…": a cue inside the introductory phrase, with no actor of
  // its own before it, shares the main clause's subject.
  const inFronted = fronted !== null && hit.start < from;
  const frontedSubject = inFronted && !subjectIn(text, items.filter((i) => i.basis === 'mention'), clause.start, hit.start) ? subjectIn(text, items, from, clause.end) : undefined;
  const relHead = clauseItems.filter((i) => i.end <= hit.start && i.kind !== 'place' && /^\s*,\s*(?:which|who|that)\s+(?:(?:has|have|had|also|then|later|since|now|\w+ly)\s+){0,2}$/i.test(text.slice(i.end, hit.start))).pop();
  return {
    hit,
    rel,
    clause,
    sent,
    clauseItems,
    afterCue: clauseItems.filter((i) => i.start >= hit.start),
    reported,
    from,
    fronted,
    inFronted,
    frontedSubject,
    relHead,
    hasObject: rel.roles.object !== undefined,
  };
}

/** The object's window: inside the cue or within four words after it, not across a comma. */
function inObjectWindow(text: string, hit: CueHit, i: ActorItem): boolean {
  return !inCompound(text, i) && (i.end <= hit.end || (wordsIn(text.slice(hit.end, i.start)) <= 4 && !/[,;:(—–]/.test(text.slice(hit.end, i.start))));
}

/** The agent of a by-phrase after the cue ("was arrested by the police"). */
function byPhraseAgent(text: string, s: CueScope): ActorItem | undefined {
  const hit = s.hit;
  return s.afterCue.find(
    (i) => i.kind !== 'place' && /^\s*(?:\S+\s+){0,3}?by\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$/.test(text.slice(hit.end, i.start)) && !/[,;]/.test(text.slice(hit.end, i.start)),
  );
}

/** The actor coordinated after another in the clause ("the EU and the US"). */
function coordinatedWith(text: string, s: CueScope, s0: ActorItem): ActorItem | undefined {
  return s.clauseItems.find((i) => i.start > s0.end && /^\s+and\s+(?:the\s+)?$/i.test(text.slice(s0.end, i.start)));
}

/** A cue's subject and object as they are found, step by step (every field present from the start). */
interface Roles {
  subject: ActorItem | undefined;
  object: ActorItem | undefined;
  subjectBasis: 'mention' | 'anaphora' | 'discourse';
  passive: boolean;
  /** The subject is the story's focal state, as the relation asks when no agent is named. */
  focalGuess: boolean;
  /** The subject is carried on from the previous clause or sentence. */
  carried: boolean;
}

/**
 * A cue's subject and object: found by where its agent stands, then turned round for the passive voice, completed
 * from a head noun, checked against the relation's kinds, and the subject last taken from the discourse.
 */
function rolesOf(cx: ClaimContext, s: CueScope, previousSubject: ActorItem | undefined): Roles {
  const r: Roles = { subject: undefined, object: undefined, subjectBasis: 'mention', passive: false, focalGuess: false, carried: false };
  if (s.hit.cue.agent === 'after') agentAfterCue(cx, s, r);
  else if (s.relHead) {
    const subject = s.relHead;
    r.subject = subject;
    if (s.hasObject) r.object = s.afterCue.find((i) => i !== subject && i.actorId !== subject.actorId && inObjectWindow(cx.text, s.hit, i));
  } else agentBeforeCue(cx, s, r);
  passiveVoice(cx, s, r);
  // "a network run by X transferred…", "the congress of X asked…": X stands for the head noun that is the subject.
  if (!r.subject && s.hit.cue.agent === 'before') r.subject = headNounAgent(cx.text, s);
  fitKinds(cx, s, r);
  fallBackSubject(cx, s, r, previousSubject);
  return r;
}

/** A cue whose agent follows it ("… was signed by X"): the object, if any, is before it. */
function agentAfterCue(cx: ClaimContext, s: CueScope, r: Roles): void {
  const { text, items } = cx;
  const hit = s.hit;
  const subject = s.afterCue.find((i) => i.kind !== 'place');
  r.subject = subject;
  r.object = s.hasObject
    ? (s.relHead ?? (subject && coordinatedWith(text, s, subject)) ?? subjectIn(text, items, s.from, hit.start, 'first', cx.posAt) ?? s.clauseItems.filter((i) => i.end <= hit.start).pop())
    : undefined;
}

/** A cue whose agent comes before it (the usual case), with no relative-clause head. */
function agentBeforeCue(cx: ClaimContext, s: CueScope, r: Roles): void {
  const { text, items, posAt } = cx;
  const { hit, rel, clause, from, inFronted, clauseItems, afterCue } = s;
  const nominal = hit.cue.nominal || NOMINAL_POS.has(posAt.get(hit.start) ?? '');
  const modifiers = clauseItems.filter(
    (i) => i.end <= hit.start && (i.possessive || i.adjective) && wordsIn(text.slice(i.end, hit.start)) <= 2 && !/[,;:]/.test(text.slice(i.end, hit.start)),
  );
  if (nominal) nounAgent(cx, s, modifiers, r);
  r.subject ??= s.frontedSubject;
  // "commentators predicted that the region would ask…": the subject of the complement clause is the cue's.
  if (!r.subject && !inFronted) {
    const comp = lastMatch(COMPLEMENTISER, text.slice(from, hit.start));
    if (comp) r.subject = subjectIn(text, items, from + comp.end, hit.start, rel.subjectPick, posAt);
  }
  r.subject ??= subjectIn(text, items, inFronted ? clause.start : from, hit.start, rel.subjectPick, posAt);
  // "his last term", "led to Western sanctions": a modifier when nothing else can be the subject.
  r.subject ??= modifiers.pop();
  r.subject ??= clauseItems.find((i) => i.start >= hit.start && i.end <= hit.end && (i.adjective || i.possessive));
  r.subject ??= byPhraseAgent(text, s);
  // "the presidential election in Kenya": a relation without an object takes a named actor just after its cue
  // (a state, when the relation is about states).
  if (!r.subject && !s.hasObject) r.subject = afterCue.find((i) => i.basis === 'mention' && inObjectWindow(text, hit, i) && (rel.subjectScope !== 'state' || i.kind === 'state'));
  const subject = r.subject;
  if (rel.objectIn === 'cue') {
    r.object =
      clauseItems.find((i) => i.start >= hit.start && i.end <= hit.end && i !== subject) ??
      modifiers.filter((i) => i !== subject && i.actorId !== subject?.actorId).pop() ??
      afterCue.find((i) => i !== subject && /^\s*(?:of\s+)?(?:the\s+)?$/i.test(text.slice(hit.end, i.start)));
  } else if (s.hasObject || rel.objectDefault === 'subject') {
    r.object = afterCue.find((i) => i !== subject && i.actorId !== subject?.actorId && inObjectWindow(text, hit, i));
    // "China and Russia held joint exercises": the coordinated actor is the other party.
    if (!r.object && subject && s.hasObject && rel.coordination === 'object') {
      const c = coordinatedWith(text, s, subject);
      if (c && c.end <= hit.start) r.object = c;
    }
  }
}

/**
 * The agent of a noun cue: a by-phrase, a named modifier just before it ("Lukashenko's rapprochement",
 * "a Russian air-base"), or a named possessor inside it ("the release of X's prisoners").
 */
function nounAgent(cx: ClaimContext, s: CueScope, modifiers: readonly ActorItem[], r: Roles): void {
  const { text, lex, focal } = cx;
  const { hit, clause } = s;
  const named = modifiers.filter((i) => i.basis === 'mention').pop();
  // Also a name that qualifies the cue's last noun inside it ("the reversal of US sanctions": the US sanctions).
  const inside = hit.cue.nominal
    ? s.clauseItems.find((i) => i.start > hit.start && i.end < hit.end && i.basis === 'mention' && i.kind !== 'place' && (i.possessive || i.adjective || /^\s+[a-z][\w-]*$/.test(text.slice(i.end, hit.end))))
    : undefined;
  r.subject = byPhraseAgent(text, s) ?? named ?? inside;
  // "In a recent visit to X, A and B discussed…": the fronted noun's agent is the main clause's subject, not a guess
  // Only openers of inclusion ("in", "on", "during"): after "despite", "following" the event is someone else's.
  if (!r.subject && s.inFronted && /^\s*(?:in|on|during|at)\b/i.test(text.slice(clause.start, hit.start))) r.subject = s.frontedSubject;
  // "The EU welcomed the release of prisoners": the clause's subject is not the agent of an of-nominalisation,
  // unless a light verb carries it ("X made a visit"); the story's focal state is then the best guess, marked as such.
  if (!r.subject && hit.cue.nominal && focal && !(lex.lightVerb?.test(text.slice(Math.max(clause.start, hit.start - 40), hit.start)) ?? false)) {
    r.subject = focal;
    r.subjectBasis = 'discourse';
  }
}

/**
 * Passive voice ("X was arrested [by Y]", "Z was arrested, released and later sentenced"): the grammatical
 * subject is the patient, so it fills the object role; the agent is the by-phrase, else the reporting state
 * ("Hungary said X was detained"), else unknown (the story's focal state, as a guess).
 */
function passiveVoice(cx: ClaimContext, s: CueScope, r: Roles): void {
  const hit = s.hit;
  if (!(hit.cue.agent === 'before' && !hit.cue.nominal && s.hasObject && r.subject && r.subject !== s.relHead && isPassive(cx, hit, s.clause))) return;
  r.passive = true;
  r.object = r.subject;
  r.subject = byPhraseAgent(cx.text, s);
  const source = s.reported.source;
  if (!r.subject && source && kindOfId(cx.kinds, source.actorId) === 'state') r.subject = source;
  if (!r.subject && cx.focal) {
    r.subject = cx.focal;
    r.subjectBasis = 'discourse';
  }
}

/** "a network run by X", "the congress of X" before the cue: X, standing for the head noun that is the subject. */
function headNounAgent(text: string, s: CueScope): ActorItem | undefined {
  const { hit, from } = s;
  return s.clauseItems.find(
    (i) =>
      i.end <= hit.start &&
      i.start >= from &&
      i.kind !== 'place' &&
      (/\b(?:run|led|controlled|organi[sz]ed|owned|headed|financed|funded)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i.test(text.slice(Math.max(from, i.start - 60), i.start)) ||
        /^\s*(?:(?:the|a|an)\s+)?["“”]?[\w-]+(?:\s+[\w-]+){0,2}["“”]?\s+of\s+(?:the\s+)?$/i.test(text.slice(from, i.start))),
  );
}

/** The roles against the relation's kinds: swapped, or the object dropped, when a kind is wrong; else an object after a marker word. */
function fitKinds(cx: ClaimContext, s: CueScope, r: Roles): void {
  const { hit, rel } = s;
  // A relation about states: a subject of the wrong kind swaps with an object of the right kind.
  if (rel.subjectKinds && r.subject && r.object && !rel.subjectKinds.includes(r.subject.kind as never) && rel.subjectKinds.includes(r.object.kind as never)) {
    [r.subject, r.object] = [r.object, r.subject];
  }
  if (rel.objectKinds && r.object && !rel.objectKinds.includes(r.object.kind as never)) r.object = undefined;
  if (!r.object && s.hasObject && rel.objectMarkers.length > 0) {
    const text = cx.text;
    const subject = r.subject;
    const marker = cx.lex.objectMarkers.get(rel.id)!;
    const piece = text.slice(hit.end, s.clause.end);
    for (const m of allMatches(marker, piece)) {
      const at = hit.end + m.end;
      const cand = s.afterCue.find((i) => i.start >= at && i !== subject && i.actorId !== subject?.actorId && (!rel.objectKinds || rel.objectKinds.includes(i.kind as never)) && !/[;]/.test(text.slice(at, i.start)));
      if (cand) {
        r.object = cand;
        break;
      }
    }
  }
}

/** A subject still missing: the state of a fronted phrase, the story's focal state, the topic carried on. */
function fallBackSubject(cx: ClaimContext, s: CueScope, r: Roles, previousSubject: ActorItem | undefined): void {
  const { rel, from } = s;
  const focal = cx.focal;
  // "In Ecuador, the Yes side won…": a state-scoped event with no agent happened in the state of the fronted phrase.
  if (!r.subject && rel.subjectScope === 'state' && s.fronted) r.subject = s.clauseItems.find((i) => i.start < from && i.kind === 'state' && !i.possessive);
  if (!r.subject && rel.focalSubject && focal) {
    r.subject = focal;
    r.subjectBasis = 'discourse';
    r.focalGuess = true;
  }
  if (!r.subject && previousSubject) {
    r.subject = previousSubject;
    r.subjectBasis = 'discourse';
    r.carried = true;
  }
  if (!r.subject && focal) {
    r.subject = focal;
    r.subjectBasis = 'discourse';
  }
}

/** The claim of a cue hit; null when it has no subject, or no object when its relation requires one. */
function buildClaim(
  cx: ClaimContext,
  hit: CueHit,
  clause: Span2,
  sent: Span2,
  previousSubject: ActorItem | undefined,
  furniture: boolean,
  narrative: DateRef | undefined,
): CueClaim | null {
  const { doc, text, kinds, stateOf, focal } = cx;
  const s = cueScope(cx, hit, clause, sent);
  const { rel, reported } = s;
  const r = rolesOf(cx, s, previousSubject);
  const subject = r.subject;
  if (!subject) return null;
  if (r.subjectBasis === 'mention' && subject.basis === 'anaphora') r.subjectBasis = 'anaphora';
  if (subject === focal && r.subjectBasis === 'mention') r.subjectBasis = 'discourse';

  let subjectId = subject.actorId;
  if (rel.subjectScope === 'state' && kindOfId(kinds, subjectId) !== 'state') subjectId = stateOf(subjectId) ?? subjectId;
  let object = r.object;
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

  const time = timeOf(cx, hit, clause, sent, rel, narrative);
  const polarity = negated(cx, hit, clause) ? 'negated' : 'affirmed';
  const modality = modalityOf(cx, s, time);
  const value = rel.roles.value !== undefined ? valueOf(cx, hit, clause, rel) : undefined;
  const quote = text.slice(sent.start, sent.end);
  const id = stableId(doc.id, 'claim', sent.start, sent.end, `${rel.id}@${hit.start}:${quote}`);
  const mentionIds = new Set<string>();
  if (subject.mentionId) mentionIds.add(subject.mentionId);
  if (object?.mentionId) mentionIds.add(object.mentionId);
  if (value) mentionIds.add(value.mentionId);
  if (time.mentionId) mentionIds.add(time.mentionId);
  if (reported.source?.mentionId) mentionIds.add(reported.source.mentionId);

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
    confidence: confidenceOf(r, time, modality, furniture),
    mentionIds: [...mentionIds].sort(),
    cue: { start: hit.start, end: hit.end },
    subjectBasis: r.subjectBasis,
  };
  const claimObject = objectOf(cx, s, object, objectId, subjectId);
  if (claimObject) claim.object = claimObject;
  if (rel.requiresObject && !claimObject) return null;
  let coSubject: CoSubject | undefined;
  if (rel.coordination === 'subjects' && !r.passive && r.subjectBasis === 'mention' && subject.basis === 'mention') {
    const co = coordinatedWith(text, s, subject);
    if (co && co.end <= hit.start && co.kind !== 'place' && !co.adjective) coSubject = { item: co, subjectMentionId: subject.mentionId };
  }
  if (value) claim.value = value;
  if (reported.is && reported.source) claim.attributedTo = reported.source.actorId;
  else if (reported.is && reported.literal) claim.attributedTo = reported.literal;
  return { claim, id, relation: rel.id, cueStart: hit.start, objectActor: Boolean(claimObject?.actorId), coSubject };
}

function confidenceOf(r: Roles, time: Claim['time'], modality: Claim['modality'], furniture: boolean): number {
  let confidence = 0.85;
  if (r.subjectBasis === 'anaphora') confidence -= 0.2;
  if (r.subjectBasis === 'discourse') confidence -= r.focalGuess || r.passive ? 0.15 : r.carried ? 0.2 : 0.35;
  if (time.basis === 'narrative') confidence -= 0.1;
  if (time.basis === 'document') confidence -= 0.15;
  if (modality === 'hedged') confidence -= 0.05;
  // Promo lines and list rails left in the body: listed, never corroborating nor taking a side.
  if (furniture) confidence = Math.min(confidence, 0.2);
  return Math.max(0.05, Math.round(confidence * 100) / 100);
}

/** The claim's object: the object item, else what the relation says stands for it, else an unknown name after the cue. */
function objectOf(cx: ClaimContext, s: CueScope, object: ActorItem | undefined, objectId: string | undefined, subjectId: string): Claim['object'] | undefined {
  const { text, focal } = cx;
  const { hit, rel, clause } = s;
  let claimObject: Claim['object'] | undefined;
  if (object && objectId !== undefined) {
    claimObject = { actorId: objectId };
    if (object.mentionId) claimObject.mentionId = object.mentionId;
    if (object.literal) claimObject.literal = object.literal;
  } else if (rel.objectDefault === 'subject') {
    claimObject = { actorId: subjectId };
  } else if (rel.objectLiteral) {
    claimObject = { literal: rel.objectLiteral };
  } else if (rel.roles.object !== undefined) {
    // A name the gazetteer does not know ("recognise Abkhazia"): kept as a literal, capitalised words just after the cue.
    const m = /^\s+(?:(?:of|the|to|on|in|with|from)\s+){0,2}((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3})/.exec(text.slice(hit.end, clause.end));
    const at = m?.[1] ? hit.end + m[0].length - m[1].length : -1;
    const litEnd = at + (m?.[1]?.length ?? 0);
    if (m?.[1] && !cx.items.some((i) => i.start < litEnd && at < i.end) && !overlapsAny(at, litEnd, cx.dateSpans) && !MONTHS.test(m[1])) claimObject = { literal: m[1] };
  }
  // "The EU is easing sanctions": a target told without a name is the story's focal state (never the subject itself).
  if (!claimObject && rel.objectFocal && focal && focal.actorId !== subjectId) claimObject = { actorId: focal.actorId };
  return claimObject;
}

/** Asserted, hedged, predicted or reported: the hedges and modals governing the cue, its time, a source, an irrealis opening. */
function modalityOf(cx: ClaimContext, s: CueScope, time: Claim['time']): Claim['modality'] {
  const { text, lex } = cx;
  const { hit, clause, sent } = s;
  let modality: Claim['modality'] = 'asserted';
  const clauseMasked = mask(text.slice(clause.start, clause.end), clause.start, cx.dateSpans, cx.actorSpans);
  const cueEnd = hit.end - clause.start;
  if (someGovernCue(clauseMasked, cueEnd, allMatches(lex.hedge, clauseMasked))) modality = 'hedged';
  if (someGovernCue(clauseMasked, cueEnd, allMatches(lex.prediction, clauseMasked)) || isPredicted(time, cx.published)) modality = 'predicted';
  if (s.reported.is) modality = 'reported';
  // "were asked whether X should…", "if Y wins": what follows the subordinator is not asserted, whoever says it.
  const irrealis =
    allMatches(lex.irrealis, clauseMasked.slice(0, hit.start - clause.start)).length > 0 || (clause.start > sent.start && /^\s*(?:if|unless)\b/i.test(text.slice(sent.start, clause.start)));
  if (irrealis) modality = modality === 'predicted' ? 'predicted' : 'hedged';
  return modality;
}

/**
 * Whether one of the modals (matches in the masked clause) governs the cue ending at cueEnd: one after the cue does
 * only with nothing between that opens another verb phrase: in "visited Minsk, a step that might lead to…" or
 * "hosted talks and will host more", the "might"/"will" are another verb's.
 */
function someGovernCue(clauseMasked: string, cueEnd: number, modals: readonly Match[]): boolean {
  for (const m of modals) {
    if (m.index < cueEnd || !/[,;:(]|\b(?:that|which|who|whom|whose|where|when|and|or|but|as|so|to)\b/i.test(clauseMasked.slice(cueEnd, m.index))) return true;
  }
  return false;
}

/** Words of a source named in the text (at most six), trimmed of commas and end punctuation; undefined when none. */
function sourceWords(text: string, from: number, to: number): string | undefined {
  const words = text.slice(from, to).replace(/^[\s,]+|[\s,.;:]+$/g, '');
  return words.length > 0 && words.split(/\s+/).length <= 6 ? words : undefined;
}

function reportingOf(cx: ClaimContext, sent: Span2, hit: CueHit): Reporting {
  const { text, lex, dateSpans, actorSpans } = cx;
  const piece = mask(text.slice(sent.start, hit.start), sent.start, dateSpans, actorSpans);
  const sentItems = itemsWithin(cx.items, sent.start, sent.end);
  const acc = allMatches(lex.reportingAfter, mask(text.slice(sent.start, sent.end), sent.start, actorSpans)).pop();
  if (acc) {
    const at = sent.start + acc.end;
    // "according to the Moldovan opposition newspaper X": an adjective is no source; the phrase is.
    const src = sentItems.find((i) => i.start >= at && i.start - at <= 40 && !i.adjective && !inCompound(text, i));
    // "According to the police chief, Viorel C., a network run by X transferred…": the subject comes after the source.
    const phraseEnd = /^[^,;]*,\s*(?:[A-Z][^,;]{0,60},\s*)?/.exec(text.slice(at, hit.start));
    const after = phraseEnd && sent.start + acc.index <= hit.start ? at + phraseEnd[0].length : undefined;
    if (src) return reporting(after, src, undefined);
    const end = text.slice(at, sent.end).search(/[,;.]/);
    return reporting(undefined, undefined, sourceWords(text, at, end < 0 ? sent.end : at + end));
  }
  const rep = allMatches(lex.reporting, piece).pop();
  if (rep) {
    const repStart = sent.start + rep.index;
    const src = sentItems.filter((i) => i.end <= repStart && repStart - i.end <= 60).pop();
    return reporting(sent.start + rep.end, src, undefined);
  }
  // A trailing attribution: "…, officials said." / "…, the minister told reporters."
  const tailFrom = text.lastIndexOf(',', sent.end);
  if (tailFrom > hit.end) {
    const tail = mask(text.slice(tailFrom, sent.end), tailFrom, dateSpans, actorSpans);
    const m = allMatches(lex.reporting, tail)[0];
    if (m && wordsIn(tail.slice(1, m.index)) <= 5) {
      const src = sentItems.find((i) => i.start > tailFrom && i.end <= tailFrom + m.index);
      if (src) return reporting(undefined, src, undefined);
      return reporting(undefined, undefined, sourceWords(text, tailFrom + 1, tailFrom + m.index));
    }
  }
  return NOT_REPORTED;
}

function negated(cx: ClaimContext, hit: CueHit, clause: Span2): boolean {
  const { text, lex } = cx;
  const maskSpans = cx.dateSpans.slice();
  const raw = text.slice(clause.start, clause.end);
  if (lex.notNegation) for (const m of allMatches(lex.notNegation, raw)) maskSpans.push({ start: clause.start + m.index, end: clause.start + m.end });
  for (const m of allMatches(/\([^()]*\)/g, raw)) maskSpans.push({ start: clause.start + m.index, end: clause.start + m.end });
  const masked = mask(raw, clause.start, maskSpans);
  const before = masked.slice(0, hit.start - clause.start);
  const neg = allMatches(lex.negation, before).pop();
  if (neg) {
    const between = masked.slice(neg.end, hit.start - clause.start);
    const words = between.trim() === '' ? 0 : between.trim().split(/\s+/).length;
    if (words <= lex.cues.negation.maxGapWords && !BLOCKS_NEGATION.test(between) && negationReaches(cx, clause.start + neg.end, hit)) return true;
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
function negationReaches(cx: ClaimContext, from: number, hit: CueHit): boolean {
  const { text, dateSpans } = cx;
  const toks = cx.tokens.filter((t) => t.start >= from && t.end <= hit.start && !overlapsAny(t.start, t.end, dateSpans));
  const nominal = hit.cue.nominal || NOMINAL_POS.has(cx.posAt.get(hit.start) ?? '');
  // Auxiliaries and modals carry the negation on to the main verb; they are not another verb.
  const verbs = toks.filter((t) => t.pos === 'VERB' && !AUXILIARY.test(text.slice(t.start, t.end)));
  // "can hardly be seen as a sovereign nation", "refused to recognise": the cue completes the one verb between.
  const adjacent = verbs.length === 1 && /^\s*(?:\w+ly\s+)?$/.test(text.slice(verbs[0]!.end, hit.start));
  const completes = adjacent || verbs.length === 1 && /\b(?:as|to)\s*$/i.test(mask(text.slice(verbs[0]!.end, hit.start), verbs[0]!.end, cx.actorSpans));
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

function timeOf(cx: ClaimContext, hit: CueHit, clause: Span2, sent: Span2, rel: CueRelation, narrative: DateRef | undefined): Claim['time'] {
  const { text, dates, published } = cx;
  const inClause = nearestDate(text, hit, itemsWithin(dates, clause.start, clause.end).filter((d) => isOwnDate(text, hit, clause, d)));
  const inSentence = inClause ? undefined : nearestDate(text, hit, itemsWithin(dates, sent.start, sent.end).filter((d) => isOwnDate(text, hit, clause, d) && mayTimeOtherClause(text, clause, sent, d)));
  const d = inClause ?? inSentence;
  if (d) return claimTime(cx, d, inClause ? 'clause' : 'sentence', sent, rel);
  // A stance in the present tense holds at the time of writing; other claims take the narrative's time.
  const firstCueWord = text.slice(hit.start, hit.end).split(/\s+/)[0] ?? '';
  // The tense of the clause up to a few words past the cue ("Russian loans are not enough").
  const present = PRESENT_TENSE.test(text.slice(clause.start, Math.min(clause.end, hit.end + 20))) || (rel.kind === 'stance' && /[^s]s$/i.test(firstCueWord));
  // "has been accused of arresting…", "has kept power by holding referendums": a habit up to now, told in the present
  // perfect with a gerund and no date, has no one time: an unspecified past, not the narrative's nor the publication's.
  const before = text.slice(clause.start, hit.start);
  const perfect = /\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|ne|wn|t)\b[^,;]*?\b(?:by|of)\s+((?:\S+\s+){0,3})$/i.exec(before);
  if (perfect && (/^\w+ing\b/i.test(perfect[1] ?? '') || /^\w+ing\b/i.test(text.slice(hit.start, hit.end)))) return { value: 'PAST_REF', basis: 'document' };
  if (narrative && !present) return claimTime(cx, narrative, 'narrative', sent, rel);
  return { value: published ?? 'XXXX', basis: 'document' };
}

/** A claim's time from a date mention. */
function claimTime(cx: ClaimContext, m: DateRef, basis: Claim['time']['basis'], sent: Span2, rel: CueRelation): Claim['time'] {
  const published = cx.published;
  const t: Claim['time'] = { mentionId: m.id, value: m.value === 'PRESENT_REF' && published ? published : m.value, basis };
  if (m.range) t.range = m.range;
  // "has not bought gas since December 2022", "troops have been there since 1992": a stance from then to the time of writing.
  else if (rel.kind === 'stance' && published && basis !== 'narrative' && /\bsince\s+(?:\S+\s+){0,4}$/i.test(cx.text.slice(Math.max(sent.start, m.start - 40), m.start)))
    t.range = { start: t.value, end: published };
  return t;
}

/** Distance from a date to the cue span: a date just after a noun cue ("the theft of $1 billion … in 2014") is its own. */
function cueDistance(hit: CueHit, d: DateRef): number {
  return d.start >= hit.end ? d.start - hit.end : Math.max(0, hit.start - d.end);
}

/**
 * Whether a date of the clause can be the claim's time: a date inside a relative clause after the cue ("troops in X,
 * a land that broke away … in 1992") is that clause's time, not the claim's; nor is the date of a report.
 */
function isOwnDate(text: string, hit: CueHit, clause: Span2, d: DateRef): boolean {
  // "the commission said on Monday": the time of the report, not of what is reported.
  if (REPORT_TIME.test(text.slice(Math.max(clause.start, d.start - 30), d.start))) return false;
  // "The Jan. 18 announcement that X would…": the date of the announcement, not of what it announces.
  if (d.end <= hit.start && REPORT_NOUN_AFTER.test(text.slice(d.end, d.end + 30))) return false;
  if (d.start >= hit.end) return !/\b(?:that|which|who|whose|where)\b/i.test(text.slice(hit.end, d.start));
  // "Shor, a businessman who … was sentenced last year …, has denied paying voters": enclosed in a relative clause.
  const lastComma = text.lastIndexOf(',', d.start);
  if (lastComma >= clause.start && /\b(?:who|which|whose)\b/i.test(text.slice(lastComma, d.start)) && /,/.test(text.slice(d.end, hit.start))) return false;
  return true;
}

/** A year inside a name ("Zapad 2021 … took place in September"). */
function isYearInName(text: string, d: DateRef): boolean {
  return /^\d{4}$/.test(d.value) && d.text.trim() === d.value && NOT_NAME_WORD.test(NAME_BEFORE_YEAR.exec(text.slice(Math.max(0, d.start - 40), d.start))?.[1] ?? 'The') === false;
}

/** The date nearest the cue; a year inside a name yields to any other date. */
function nearestDate(text: string, hit: CueHit, ds0: DateRef[]): DateRef | undefined {
  const ds = ds0.some((d) => !isYearInName(text, d)) ? ds0.filter((d) => !isYearInName(text, d)) : ds0;
  return ds.slice().sort((a, b) => cueDistance(hit, a) - cueDistance(hit, b))[0];
}

/**
 * A date of another clause of the sentence is the claim's only when it opens the sentence before the cue's clause
 * ("When X … in 2014, Y …"): a later clause's date is its own verb's, and a "since" date opens another clause's period.
 */
function mayTimeOtherClause(text: string, clause: Span2, sent: Span2, d: DateRef): boolean {
  return d.end <= clause.start && !/\bsince\s+(?:the\s+)?(?:\S+\s+){0,3}$/i.test(text.slice(Math.max(sent.start, d.start - 40), d.start));
}

function isPassive(cx: ClaimContext, hit: CueHit, clause: Span2): boolean {
  const text = cx.text;
  const cueText = text.slice(hit.start, hit.end);
  if (/^(?:was|were|is|are|been|being|be|get|gets|got)\b/i.test(cueText)) return false;
  const first = (cueText.split(/\s+/)[0] ?? '').toLowerCase();
  if (!/(?:ed|en)$/.test(first) && !IRREGULAR_PARTICIPLES.has(first)) return false;
  const before = mask(text.slice(clause.start, hit.start), clause.start, cx.dateSpans);
  const aux = lastMatch(PASSIVE_AUXILIARY, before);
  if (!aux) return false;
  const between = before.slice(aux.end);
  return /^(?:[\s,]|\b(?:\w+ed|\w+en|and|or|not|never|later|then|also|again|\w+ly|in|on|at|during|after|subsequently)\b)*$/i.test(between);
}

function valueOf(cx: ClaimContext, hit: CueHit, clause: Span2, rel: CueRelation): Claim['value'] | undefined {
  const { text, dateSpans } = cx;
  // The value must be of the role's type (money is never a headcount) and, when the relation says so, close to the cue.
  const qs = itemsWithin(cx.quantities, clause.start, clause.end).filter(
    (q) =>
      !overlapsAny(q.start, q.end, dateSpans) &&
      q.unit !== 'rank' &&
      unitFits(rel, q.unit) &&
      nearCue(text, rel, hit, q) &&
      !/\b(lei|leu|rubles?|roubles?|hryvnias?|manats?|lari|drams?|tenge|som|dinars?|euros?|dollars?)\b/i.test(q.measure ?? ''),
  );
  const q = qs.slice().sort((a, b) => Math.abs(a.start - hit.start) - Math.abs(b.start - hit.start))[0];
  if (!q) return undefined;
  const v: NonNullable<Claim['value']> = { mentionId: q.id, value: q.value, unit: q.unit };
  if (q.upper !== undefined) v.upper = q.upper;
  if (q.qualifier !== undefined) v.qualifier = q.qualifier;
  if (q.measure !== undefined) v.measure = q.measure;
  return v;
}

/** Whether a unit is of the relation's value type (any currency code is money). */
function unitFits(rel: CueRelation, unit: string): boolean {
  return !rel.valueUnits || rel.valueUnits.some((w) => w === unit || (w === 'money' && /^[A-Z]{3,6}$/.test(unit)));
}

/** Whether a quantity is within the relation's words of the cue, when the relation says how near. */
function nearCue(text: string, rel: CueRelation, hit: CueHit, q: Span2): boolean {
  return rel.valueMaxWords === undefined || wordsIn(q.start >= hit.end ? text.slice(hit.end, q.start) : text.slice(q.end, hit.start)) <= rel.valueMaxWords;
}
