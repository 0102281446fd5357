/**
 * Actor extraction: gazetteer aliases (with transliteration variants and a fuzzy
 * surname match), metonyms of capitals and seats of power, state adjectives, dated
 * roles, and unlisted names. A pure function of (text, publication date, dates).
 *
 * Passes, each over wink's tokens (one memoised pass per document):
 *  1. gazetteer: longest case-aware token-sequence match (names, adjectives, capitals);
 *  2. context: capitals → metonym or place (cues.yaml place cues);
 *  3. roles: "[the] [then] [Russian|Russia's] <office> [of <State>]" → office holder at the sentence's date;
 *  4. adjectives not consumed by a role → the state if their head noun is a state head;
 *  5. fuzzy: capitalised tokens whose transliteration key meets a listed surname;
 *  6. unlisted: capitalised PROPN runs; compromise (people/organisations) only on the
 *     sentences that still hold an unclassified run.
 *
 * Places used as places are emitted with kind "place" (actorId place:<slug>,
 * matchedBy "alias"): they answer "where", never "who". Consumers looking for
 * actors must skip kind "place".
 */
import { nlpOf, type NlpLayer, type Token } from '../../../adapters/wink.ts';
import { partitionPoint } from '../../../core/search.ts';
import { BoundedMap } from '../../../core/bounded-map.ts';
import { lexiconTag, nameCandidatesIn, type LexiconTag } from '../../../adapters/compromise.ts';
import { stableId, slug } from '../../../core/ids.ts';
import type { ActorKind, ActorMention, DateMention, ParagraphKind, Span } from '../../../core/schema.ts';
import { foldToken, gazetteer, STARTS_ANAPHOR, STARTS_NAME, STARTS_OFFICE, type Gazetteer, type Pattern } from './gazetteer.ts';
import { inOffice, referenceDate, resolveOffice } from './offices.ts';
import { KEYS_MATCH_MIN, keysMatch, translitKey } from './translit.ts';
import { wholeWords } from './tokens.ts';
import { caseOk, isAcronym, isCap } from './case.ts';

export interface ActorInput {
  id: string;
  text: string;
  /** When given, unlisted names are only looked for in running text (not titles, headings, bylines). */
  paragraphs?: readonly { start: number; end: number; kind: ParagraphKind }[];
}

type Matched = ActorMention['matchedBy'];
type Modifier = 'then' | 'former' | 'current';

/**
 * An actor mention being built. Every field is there from creation (see draft()), so
 * all drafts share one hidden class however the passes fill them in.
 */
interface Draft {
  i: number; // first token
  j: number; // one past last token
  actorId: string;
  kind: ActorKind;
  canonical: string;
  matchedBy: Matched;
  rule: string;
  confidence: number;
  office: string | undefined;
  resolvedAt: string | undefined;
  /** Same-surname candidates still to choose between. */
  candidates: readonly string[] | undefined;
}

function draft(i: number, j: number, actorId: string, kind: ActorKind, canonical: string, matchedBy: Matched, rule: string, confidence: number): Draft {
  return { i, j, actorId, kind, canonical, matchedBy, rule, confidence, office: undefined, resolvedAt: undefined, candidates: undefined };
}

interface GazMatch {
  i: number;
  j: number;
  patterns: Pattern[];
  /** An adjective right before a capitalised name: never the state itself. */
  beforeName: boolean;
}

/**
 * One document's pass state: what every phase reads, and what the phases build up in
 * turn. Made by newScan() with every field, so the phases see one hidden class.
 */
interface Scan {
  g: Gazetteer;
  input: ActorInput;
  published: string | null;
  dates: readonly DateMention[];
  layer: NlpLayer;
  tokens: Token[];
  keys: string[];
  /**
   * Per token, the gazetteer's STARTS_* bits for its key and CAPITALISED: the passes that
   * visit every token read these rather than each its own map or the token.
   */
  flags: Uint8Array;
  sentOf: Int32Array;
  /** Tokens a date or an earlier pass has taken. */
  covered: Uint8Array;
  matches: GazMatch[];
  matchEndingAt: Map<number, GazMatch>;
  matchStartingAt: Map<number, GazMatch>;
  drafts: Draft[];
  /** State adjectives, which wait for the roles (phase 3) before they can stand for their state (phase 4). */
  adjectives: GazMatch[];
  /** State words already read as part of something else (a region, a role): never a mention of the state on their own. */
  spent: Set<GazMatch>;
}

function newScan(input: ActorInput, published: string | null, dates: readonly DateMention[]): Scan {
  const g = gazetteer();
  const layer = wholeWords(nlpOf(input));
  const { tokens } = layer;
  // arrays that other functions read are filled by push, not map(): the array map() makes
  // in optimised code has another hidden class than the one its builtin makes
  const keys: string[] = [];
  const flags = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    const key = foldToken(text);
    keys.push(key);
    flags[i] = (g.starts.get(key) ?? 0) | (isCap(text) ? CAPITALISED : 0);
  }
  const covered = new Uint8Array(tokens.length);
  for (const d of dates) markSpan(tokens, covered, d.start, d.end);
  return {
    g,
    input,
    published,
    dates,
    layer,
    tokens,
    keys,
    flags,
    sentOf: sentenceIndex(layer),
    covered,
    matches: [],
    matchEndingAt: new Map(),
    matchStartingAt: new Map(),
    drafts: [],
    adjectives: [],
    spent: new Set(),
  };
}

/** Scan.flags bit beside the gazetteer's STARTS_* bits: the token starts with a capital (isCap). */
const CAPITALISED = 8;

const RUNNING: ReadonlySet<ParagraphKind> = new Set(['paragraph', 'list-item', 'blockquote']);
/** Words of context each side of a doubtful name that compromise reads. */
const COMPROMISE_CONTEXT = 4;
/** How often an unclassified multi-word name must occur before compromise's tagger is asked about it. */
const COMPROMISE_MIN_OCCURRENCES = 2;
const POSSESSIVE = new Set(["'s", "'", 's']);
const POSSESSIVE_PRONOUN = new Set(['his', 'her', 'its', 'their']);

export interface ActorOptions {
  /** Run compromise's tagger on sentences with unclassified names (default true; benchmarks turn it off to compare). */
  compromise?: boolean;
}

export function extractActors(input: ActorInput, published: string | null, dates: readonly DateMention[] = [], options: ActorOptions = {}): ActorMention[] {
  const s = newScan(input, published, dates);
  // 1. gazetteer matches
  findMatches(s);
  dropNamesInsideNames(s);
  keepFocalShortNames(s);
  indexMatches(s);
  // 2. names, metonyms and places; adjectives wait for roles
  namesAndPlaces(s);
  // 3. roles
  roles(s);
  // 4. adjectives that denote the state
  stateAdjectives(s);
  // 5. fuzzy surnames, then the choice between same-surname people, then anaphoric names
  fuzzySurnames(s);
  chooseSameSurnames(s);
  if (s.g.anaphors.size > 0) anaphoricNames(s);
  // 6. unlisted names
  for (const d of s.drafts) for (let x = d.i; x < d.j; x++) s.covered[x] = 1;
  s.drafts.push(...unlisted(s, options.compromise ?? true));

  const out: ActorMention[] = [];
  for (const d of s.drafts.sort((x, y) => x.i - y.i || y.j - x.j)) out.push(toMention(input, s.tokens, d));
  return out;
}

/** Phase 1: the longest gazetteer match at each token, left to right. */
function findMatches(s: Scan): void {
  const { g, tokens, keys, flags, sentOf, matches } = s;
  for (let i = 0; i < tokens.length; ) {
    const m = flags[i]! & STARTS_NAME ? matchAt(g, tokens, keys, sentOf, i) : undefined;
    if (m) {
      matches.push(m);
      i = m.j;
    } else i++;
  }
}

/**
 * A place or state word inside a longer capitalised name ("Carnegie Russia Eurasia Center",
 * "the Minsk International Conference", "Russian Oil Exports") is part of that name: the
 * match is dropped, or for an adjective, marked as one before a name.
 */
function dropNamesInsideNames(s: Scan): void {
  const { matches } = s;
  for (let x = matches.length - 1; x >= 0; x--) {
    const m = matches[x]!;
    if (!inLongerName(s, m) || matches.some((o) => o.i === m.j)) continue;
    if (m.patterns[0]!.use === 'adjective') {
      // "Russian Maria Sharapova", "Chinese State Councilor Chen Zhili": a nationality, not the state
      m.beforeName = true;
      continue;
    }
    matches.splice(x, 1);
  }
}

function inLongerName(s: Scan, m: GazMatch): boolean {
  const { g, tokens, keys, sentOf } = s;
  const use = m.patterns[0]!.use;
  const before = tokens[m.i - 1];
  const firstNameBefore = !!before && sentOf[m.i - 1] === sentOf[m.i] && tokens[m.i]!.start - before.end === 1 && isCap(before.text) && lexiconTag(before.text) === 'first-name';
  const kind = g.actors.get(m.patterns[0]!.actorId)?.kind;
  // "Michael Jordan", "George Washington", "Kanye West": a person's surname, not the state
  if (firstNameBefore && (use === 'metonym' || kind === 'state' || kind === 'group')) return true;
  // "EU Observer", "the West Bank": a listed name inside a longer name is part of that name
  if ((use === 'alias' || use === 'adjective') && (kind === 'group' || kind === 'organisation') && !m.patterns[0]!.place && !s.matches.some((o) => o.i === m.j) && swallowedBy(g, tokens, keys, sentOf, m)) return true;
  if (use === 'alias' || use === 'surname') return kind === 'state' && nameWordAt(g, tokens, keys, sentOf, m.i - 1, m.i, true) && nameWordAt(g, tokens, keys, sentOf, m.j, m.i, false);
  return nameWordAt(g, tokens, keys, sentOf, m.j, m.i, false);
}

/**
 * Short names of national bodies ("Central Election Commission") hold only for the state the
 * document is about: the most named state.
 */
function keepFocalShortNames(s: Scan): void {
  const { g, matches } = s;
  if (!matches.some((m) => m.patterns.some((p) => p.focal))) return;
  const counts = new Map<string, number>();
  for (const m of matches) {
    const a = g.actors.get(m.patterns[0]!.actorId);
    if (a?.kind === 'state') counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
  }
  let focal: string | undefined;
  for (const [id, n] of counts) if (!focal || n > counts.get(focal)!) focal = id;
  for (let x = matches.length - 1; x >= 0; x--) {
    const m = matches[x]!;
    if (!m.patterns.some((p) => p.focal)) continue;
    m.patterns = m.patterns.filter((p) => !p.focal || p.focal === focal);
    if (m.patterns.length === 0) matches.splice(x, 1);
  }
}

function indexMatches(s: Scan): void {
  for (const m of s.matches) {
    s.matchEndingAt.set(m.j, m);
    s.matchStartingAt.set(m.i, m);
    for (let k = m.i; k < m.j; k++) s.covered[k] = 1;
  }
}

/** Phase 2: a draft for each match that is a name, metonym or place; adjectives wait for roles. */
function namesAndPlaces(s: Scan): void {
  const { g, drafts } = s;
  for (const m of s.matches) {
    const p = m.patterns[0]!;
    const actor = g.actors.get(p.actorId)!;
    if (p.use === 'adjective') s.adjectives.push(m);
    else if (p.place) drafts.push(draft(m.i, m.j, actor.id, 'place', actor.canonical, 'alias', 'actors/place', 0.8));
    else if (p.use === 'alias' && actor.kind === 'state' && afterCompassWord(s, m)) regionDraft(s, m);
    else if (p.use === 'metonym') metonymDraft(s, m);
    else if (p.use === 'surname') surnameDraft(s, m, actor.canonical);
    else drafts.push(draft(m.i, m.j, actor.id, actor.kind, actor.canonical, 'alias', 'actors/alias', 0.95));
  }
}

function afterCompassWord(s: Scan, m: GazMatch): boolean {
  const { tokens, sentOf } = s;
  return m.i > 0 && s.g.cues.compass.has(s.keys[m.i - 1]!) && sentOf[m.i - 1] === sentOf[m.i] && tokens[m.i]!.start - tokens[m.i - 1]!.end <= 1;
}

/** "Eastern Ukraine", "western Belarus": a region of the state, a place. */
function regionDraft(s: Scan, m: GazMatch): void {
  const { tokens, drafts } = s;
  const before = s.matchEndingAt.get(m.i);
  if (before) s.spent.add(before);
  for (let x = drafts.length - 1; x >= 0; x--) if (drafts[x]!.j === m.i && drafts[x]!.i === m.i - 1) drafts.splice(x, 1);
  const name = s.input.text.slice(tokens[m.i - 1]!.start, tokens[m.j - 1]!.end);
  drafts.push(draft(m.i - 1, m.j, `place:${slug(name)}`, 'place', name, 'alias', 'actors/region', 0.8));
}

/** A capital or seat: the government of the state that held it then, or a place. */
function metonymDraft(s: Scan, m: GazMatch): void {
  const { g, tokens, keys, sentOf } = s;
  if (inDocumentName(g, tokens, keys, sentOf, m)) return; // "the Minsk agreements": neither the city nor its government
  const p = m.patterns[0]!;
  const dated = m.patterns.length > 1 || g.validity.has(p.actorId);
  const ref = dated ? referenceDate(tokens[m.i]!.start, sentenceSpan(s.layer, sentOf[m.i]!), s.dates, s.published, false) : undefined;
  const holder = dated ? stateAtDate(g, m.patterns.map((x) => x.actorId), ref?.date) : p.actorId;
  if (!holder || isPlace(g, tokens, keys, sentOf, m)) {
    const name = tokens.slice(m.i, m.j).map((t) => t.text);
    const pid = `place:${slug(name.join(' '))}`;
    const place = g.actors.get(pid);
    s.drafts.push(draft(m.i, m.j, pid, 'place', place?.canonical ?? name.join(' '), 'alias', 'actors/place', 0.8));
  } else {
    const held = g.actors.get(holder)!;
    s.drafts.push(draft(m.i, m.j, held.id, held.kind, held.canonical, 'metonym', 'actors/metonym', 0.8));
  }
}

/** A listed surname: its person, or the people sharing it until chooseSameSurnames picks one. */
function surnameDraft(s: Scan, m: GazMatch, canonical: string): void {
  const { g, tokens, keys, covered, sentOf } = s;
  if (m.patterns.every((x) => x.needsTitle) && !titleBefore(g, keys, m.i)) return;
  const ids = [...new Set(m.patterns.filter((x) => !x.needsTitle || titleBefore(g, keys, m.i)).map((x) => x.actorId))];
  if (foreignGivenName(g, tokens, keys, covered, sentOf, m.i, ids)) {
    // "Mujibur Rahmon" is not Emomali Rahmon: leave the whole name to the unlisted pass
    for (let k = m.i; k < m.j; k++) covered[k] = 0;
    return;
  }
  const d = draft(m.i, m.j, ids[0]!, 'person', canonical, 'alias', 'actors/surname', 0.9);
  if (ids.length > 1) d.candidates = ids;
  extendGivenName(g, tokens, keys, covered, sentOf, d);
  s.drafts.push(d);
}

/** Phase 3: "[the] [then] [Russian|Russia's] <office> [of <State>]" → the office holder at the sentence's date. */
function roles(s: Scan): void {
  const { g, tokens, keys, flags } = s;
  for (let b0 = 0; b0 < tokens.length; b0++) {
    if (!(flags[b0]! & STARTS_OFFICE)) continue;
    const cue = officeAt(g, keys, b0);
    if (!cue) continue;
    roleAt(s, b0, cue.keys.length, cue.office);
    b0 += cue.keys.length - 1;
  }
}

/** An office cue at tokens [a, b) and what the words around it add; made by newRole() with every field. */
interface Role {
  a: number;
  b: number;
  office: string;
  /** The role's whole span [start, end), with its modifiers, state and article. */
  start: number;
  end: number;
  /** The token before the words looked back over (-1 at the start of the text). */
  k: number;
  state: string | undefined;
  stateMatch: GazMatch | undefined;
  mod: Modifier | undefined;
  /** Preceded by "the". */
  definite: boolean;
}

function newRole(a: number, b: number, office: string): Role {
  return { a, b, office, start: a, end: b, k: a - 1, state: undefined, stateMatch: undefined, mod: undefined, definite: false };
}

function roleAt(s: Scan, a: number, length: number, office: string): void {
  const { tokens, keys, drafts, covered } = s;
  const r = newRole(a, a + length, office);
  lookBack(s, r);
  if (!lookForward(s, r)) return; // "leader of the opposition"
  // a name right after the title: the name is the actor; the role gives its office
  const nameAt = keys[r.end] === ',' ? r.end + 1 : r.end;
  const named = drafts.find((d) => d.kind === 'person' && d.i === nameAt && (d.i === r.end || isCap(tokens[a]!.text) || r.definite));
  for (let x = a; x < r.b; x++) covered[x] = 1;
  if (named) namedRole(s, r, named, nameAt);
  else if (isCap(tokens[r.end]?.text ?? '') && tokens[r.end]?.pos === 'PROPN') {
    if (r.stateMatch) s.spent.add(r.stateMatch); // "Belarusian Foreign Minister Jan Kowal": the name is the actor
    // and the role is the title of an unlisted name
  } else if (!r.state && r.k >= 0 && s.sentOf[r.k] === s.sentOf[a] && POSSESSIVE_PRONOUN.has(keys[r.k]!)) possessiveRole(s, r);
  else heldRole(s, r);
}

/** Look back from the cue over modifiers and one state (adjective, name, metonym, possessive), then "the". */
function lookBack(s: Scan, r: Role): void {
  const { g, keys, sentOf } = s;
  const a = r.a;
  let k = a - 1;
  while (k >= 0 && sentOf[k] === sentOf[a]) {
    const key = keys[k]!;
    const modKind = g.modifiers.get(key);
    if (modKind) {
      r.mod ??= modKind;
      r.start = k;
      k--;
      continue;
    }
    if (!r.state) {
      const direct = s.matchEndingAt.get(k + 1);
      const poss = POSSESSIVE.has(key) ? s.matchEndingAt.get(k) : undefined;
      const sm = direct ?? poss;
      const st = stateOf(s, sm);
      if (sm && st) {
        r.state = st;
        r.stateMatch = sm;
        r.start = sm.i;
        k = sm.i - 1;
        continue;
      }
    }
    break;
  }
  if (k >= 0 && keys[k] === 'the' && sentOf[k] === sentOf[a]) {
    r.definite = true;
    r.start = k;
  }
  r.k = k;
}

/** Look forward for "of <State>"; false when "of" leads to something else. */
function lookForward(s: Scan, r: Role): boolean {
  const { keys } = s;
  if (keys[r.b] !== 'of') return true;
  const at = keys[r.b + 1] === 'the' ? r.b + 2 : r.b + 1;
  const st = stateOf(s, s.matchStartingAt.get(at));
  if (st && !r.state) {
    r.state = st;
    r.stateMatch = s.matchStartingAt.get(at);
    r.end = r.stateMatch!.j;
  }
  return !!st;
}

/** The state a match names, unless it is a capital used as a place. */
function stateOf(s: Scan, m: GazMatch | undefined): string | undefined {
  if (!m) return undefined;
  const p = m.patterns[0]!;
  const a = s.g.actors.get(p.actorId)!;
  if (a.kind !== 'state') return undefined;
  if (p.use === 'metonym' && isPlace(s.g, s.tokens, s.keys, s.sentOf, m)) return undefined;
  return a.id;
}

/** A role before a listed person's name: the person's office, and the role in apposition a mention of them too. */
function namedRole(s: Scan, r: Role, named: Draft, nameAt: number): void {
  const { g, tokens, sentOf, drafts } = s;
  const stateMatch = r.stateMatch;
  if (stateMatch) s.spent.add(stateMatch);
  const ref = referenceDate(tokens[r.b]!.start, sentenceSpan(s.layer, sentOf[r.b]!), s.dates, s.published, r.mod === 'then');
  const person = g.people.get(named.actorId);
  const rec = person?.offices.find((o) => (o.office === r.office || (g.officeFallbacks[r.office] ?? []).includes(o.office)) && (!r.state || o.state === r.state));
  if (rec) {
    named.office = rec.office;
    if (ref) named.resolvedAt = ref.date;
    // "The then prime minister, Natalia Gavrilița,": the role in apposition is a mention of her too
    if (nameAt !== r.end) {
      const d = draft(r.start, r.end, named.actorId, 'person', named.canonical, 'role', 'actors/role-apposition', 0.85);
      d.office = rec.office;
      if (ref) d.resolvedAt = ref.date;
      drafts.push(d);
    }
  }
  if (stateMatch && g.actors.get(stateMatch.patterns[0]!.actorId)?.kind === 'state' && stateMatch.patterns[0]!.use === 'adjective' && nameAt === r.end) {
    // "Belarusian President Alexander Lukashenko": the demonym still names the state
    const st = g.actors.get(stateMatch.patterns[0]!.actorId)!;
    drafts.push(draft(stateMatch.i, stateMatch.j, st.id, 'state', st.canonical, 'adjective', 'actors/adjective', 0.75));
  }
}

/**
 * "his foreign minister", "its leader": the office of the possessor's state (the nearest
 * person before for his/her, the nearest state for its/their, within two sentences).
 */
function possessiveRole(s: Scan, r: Role): void {
  const { g, tokens, keys, sentOf, drafts } = s;
  const { a, k } = r;
  const want = keys[k] === 'his' || keys[k] === 'her' ? 'person' : 'state';
  let owner: Draft | undefined;
  for (const d of drafts) if (d.j <= k && sentOf[d.i]! >= sentOf[a]! - 2 && d.kind === want && (!owner || d.i > owner.i)) owner = d;
  const ownerState = owner ? (want === 'state' ? owner.actorId : g.actors.get(owner.actorId)?.state) : undefined;
  if (!ownerState || g.actors.get(ownerState)?.kind !== 'state') return;
  const ref = referenceDate(tokens[a]!.start, sentenceSpan(s.layer, sentOf[a]!), s.dates, s.published, r.mod === 'then' || r.mod === 'former');
  const holder = resolveOffice(g, ownerState, r.office, ref?.date, r.mod);
  if (!holder || holder.person.id === owner!.actorId) return;
  const d = draft(k, r.end, holder.person.id, 'person', holder.person.canonical, 'role', 'actors/role-possessive', 0.6);
  d.office = holder.record.office;
  if (ref) d.resolvedAt = ref.date;
  drafts.push(d);
  for (let x = k; x < r.end; x++) s.covered[x] = 1;
}

/** A role of a named state, or ("the president") of the state the text is about: its holder at the date. */
function heldRole(s: Scan, r: Role): void {
  const { g, tokens, sentOf, drafts } = s;
  const { a, start, end } = r;
  let state = r.state;
  let confidence = 0.85;
  if (!state) {
    if (!r.definite || r.office === 'leader' || r.office === 'press-secretary') return;
    state = contextState(g, drafts, sentOf, sentOf[a]!, a);
    if (!state) return;
    confidence = 0.55;
  }
  const ref = referenceDate(tokens[a]!.start, sentenceSpan(s.layer, sentOf[a]!), s.dates, s.published, r.mod === 'then' || r.mod === 'former');
  const holder = resolveOffice(g, state, r.office, ref?.date, r.mod);
  if (!holder) return;
  if (r.stateMatch) s.spent.add(r.stateMatch);
  for (let x = drafts.length - 1; x >= 0; x--) if (drafts[x]!.i >= start && drafts[x]!.j <= end) drafts.splice(x, 1);
  const d = draft(start, end, holder.person.id, 'person', holder.person.canonical, 'role', 'actors/role', confidence);
  d.office = holder.record.office;
  if (ref) d.resolvedAt = ref.date;
  drafts.push(d);
  for (let x = start; x < end; x++) s.covered[x] = 1;
}

/** Phase 4: adjectives not read with a role or a name stand for their state when their head noun is a state head. */
function stateAdjectives(s: Scan): void {
  const { g, tokens, keys } = s;
  for (const m of s.adjectives) {
    if (s.spent.has(m) || m.beforeName) continue;
    if (!adjectiveDenotesState(g, tokens, keys, s.matchStartingAt, m.j)) continue;
    const actor = g.actors.get(m.patterns[0]!.actorId)!;
    s.drafts.push(draft(m.i, m.j, actor.id, actor.kind, actor.canonical, 'adjective', 'actors/adjective', 0.75));
  }
}

/** Phase 5: capitalised tokens whose transliteration key meets a listed surname. */
function fuzzySurnames(s: Scan): void {
  const { g, tokens, keys, flags, covered, sentOf } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !(flags[i]! & CAPITALISED)) continue;
    const t = tokens[i]!;
    if (t.pos !== 'PROPN' || t.text.length < 4 || g.cues.notNames.has(keys[i]!)) continue;
    const ids = fuzzySurnameIds(g, t.text);
    if (!ids || ids.length === 0) continue;
    if (foreignGivenName(g, tokens, keys, covered, sentOf, i, ids)) continue;
    const p = g.people.get(ids[0]!)!;
    const d = draft(i, i + 1, p.id, 'person', p.canonical, 'fuzzy', 'actors/fuzzy', 0.65);
    if (ids.length > 1) d.candidates = ids;
    covered[i] = 1;
    extendGivenName(g, tokens, keys, covered, sentOf, d);
    s.drafts.push(d);
  }
}

/** Same-surname choice: an earlier full name in the text, else whoever was in office then. */
function chooseSameSurnames(s: Scan): void {
  const { g, drafts } = s;
  const seenFull = new Set(drafts.filter((d) => d.rule === 'actors/alias' && d.kind === 'person').map((d) => d.actorId));
  for (const d of drafts) {
    if (!d.candidates) continue;
    const ref = referenceDate(s.tokens[d.i]!.start, sentenceSpan(s.layer, s.sentOf[d.i]!), s.dates, s.published, false);
    const pick = d.candidates.find((c) => seenFull.has(c)) ?? (ref ? d.candidates.find((c) => inOffice(g.people.get(c)!, ref.date)) : undefined) ?? d.candidates[0]!;
    d.actorId = pick;
    d.canonical = g.people.get(pick)!.canonical;
    d.candidates = undefined;
  }
}

/** Anaphoric names ("the Union" once the EU has been named): the organisation named before. */
function anaphoricNames(s: Scan): void {
  const { g, tokens, keys, flags, covered, sentOf, drafts } = s;
  const named = new Map<string, number>();
  for (const d of drafts) if (!named.has(d.actorId) || d.i < named.get(d.actorId)!) named.set(d.actorId, d.i);
  for (let i = 0; i < tokens.length; i++) {
    if (!(flags[i]! & STARTS_ANAPHOR)) continue;
    for (const an of g.anaphors.get(keys[i]!)!) {
      const first = named.get(an.actorId);
      const j = i + an.keys.length;
      if (first === undefined || first > i || j > tokens.length) continue;
      let ok = true;
      for (let n = 0; n < an.keys.length && ok; n++) ok = !covered[i + n] && keys[i + n] === an.keys[n] && caseOk(an.cases[n]!, tokens[i + n]!.text) && sentOf[i + n] === sentOf[i];
      // "the Union State", "the Union of Journalists": part of a longer name
      if (!ok || nameWordAt(g, tokens, keys, sentOf, j, i, false) || keys[j] === 'of') continue;
      const a = g.actors.get(an.actorId)!;
      const from = keys[i] === 'the' ? i + 1 : i;
      drafts.push(draft(from, j, a.id, a.kind, a.canonical, 'alias', 'actors/anaphor', 0.7));
      for (let x = i; x < j; x++) covered[x] = 1;
      break;
    }
  }
}

/**
 * Listed people whose surname has the transliteration key of this word: the same key, else
 * keys one edit away (translit.ts keysMatch). The one-edit scan compares with every surname
 * of the same initial, so answers are remembered by word: they depend on the word and the
 * gazetteer alone (built once per process), never on the documents read before.
 */
function fuzzySurnameIds(g: Gazetteer, word: string): readonly string[] | undefined {
  let known = fuzzyIdsByWord.get(g);
  if (!known) fuzzyIdsByWord.set(g, (known = new BoundedMap(50_000)));
  let ids = known.get(word);
  if (ids === undefined) {
    const key = translitKey(word);
    ids = g.surnameKeys.get(key) ?? null;
    // keysMatch allows an edit only between keys of seven letters or more
    if (!ids && key.length >= KEYS_MATCH_MIN) {
      for (const [k2, v] of g.surnameKeysByInitial.get(key[0] ?? '') ?? []) if (keysMatch(key, k2) === 1) ids = [...(ids ?? []), ...v];
    }
    known.set(word, ids);
  }
  return ids ?? undefined;
}

const fuzzyIdsByWord = new WeakMap<Gazetteer, BoundedMap<string, readonly string[] | null>>();

function toMention(input: ActorInput, tokens: Token[], d: Draft): ActorMention {
  const start = tokens[d.i]!.start;
  const end = tokens[d.j - 1]!.end;
  const text = input.text.slice(start, end);
  const m: ActorMention = {
    id: stableId(input.id, 'actor', start, end, text),
    type: 'actor',
    start,
    end,
    text,
    rule: d.rule,
    confidence: Math.round(d.confidence * 100) / 100,
    actorId: d.actorId,
    kind: d.kind,
    canonical: d.canonical,
    matchedBy: d.matchedBy,
    listed: d.matchedBy !== 'unlisted',
  };
  if (d.office !== undefined) m.office = d.office;
  if (d.resolvedAt !== undefined) m.resolvedAt = d.resolvedAt;
  return m;
}

function sentenceIndex(layer: NlpLayer): Int32Array {
  const out = new Int32Array(layer.tokens.length).fill(-1);
  layer.sentences.forEach((s, si) => {
    for (let k = s.tokenStart; k < s.tokenEnd; k++) out[k] = si;
  });
  return out;
}

function sentenceSpan(layer: NlpLayer, si: number): Span {
  const s = layer.sentences[si];
  return s ? { start: s.start, end: s.end } : { start: 0, end: 0 };
}

/** Mark the tokens overlapping [start, end); tokens are in text order and do not overlap, so the first one is found by binary search. */
function markSpan(tokens: Token[], covered: Uint8Array, start: number, end: number): void {
  for (let k = partitionPoint(tokens, (t) => t.end <= start); k < tokens.length && tokens[k]!.start < end; k++) covered[k] = 1;
}

const USE_RANK = { alias: 0, surname: 1, metonym: 2, adjective: 3 } as const;

function matchAt(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, i: number): GazMatch | undefined {
  const list = g.index.get(keys[i]!);
  if (!list) return undefined;
  let best: GazMatch | undefined;
  for (const p of list) {
    if (best && p.keys.length < best.j - best.i) break;
    const j = i + p.keys.length;
    if (j > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < p.keys.length && ok; k++) {
      const t = tokens[i + k]!;
      ok = keys[i + k] === p.keys[k] && caseOk(p.cases[k]!, t.text) && sentOf[i + k] === sentOf[i];
      // tokens of a name are adjacent or one space apart
      if (ok && k > 0) ok = t.start - tokens[i + k - 1]!.end <= 1;
    }
    if (!ok) continue;
    if (best) best.patterns.push(p);
    else best = { i, j, patterns: [p], beforeName: false };
  }
  if (best && best.patterns.length > 1) {
    // prefer names over surnames over metonyms over adjectives for the same words
    best.patterns.sort((a, b) => USE_RANK[a.use] - USE_RANK[b.use]);
    const top = best.patterns[0]!.use;
    best.patterns = best.patterns.filter((p) => p.use === top);
  }
  return best;
}

/** A capital or seat of power used as a place rather than for its government (cues.yaml). */
function isPlace(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, m: GazMatch): boolean {
  const c = g.cues;
  let q = m.j;
  const possessive = POSSESSIVE.has(keys[q] ?? '') && keys[q] !== 's';
  if (possessive) q++;
  if (c.placeNouns.has(keys[q] ?? '')) return true;
  if (possessive) return false;
  if (/^(?:I|II|III|IV)$/.test(tokens[m.j]?.text ?? '') && sentOf[m.j] === sentOf[m.i]) return true; // "Minsk II": a named series // "Minsk's relations", "in Moscow's view"
  const first = tokens[m.i]!.text;
  if (first.length > 2 && isAcronym(first) && keys[m.j] === ',') return true; // dateline "MINSK, Oct 5"
  let p = m.i - 1;
  if (keys[p] === 'the') p--;
  const prev = keys[p] ?? '';
  // a seat of government after a locative still stands for the government ("sleepless nights
  // in the Kremlin"); only a place noun after it, a place verb or a movement makes it a place
  if (prev === 'in' && c.reactionWords.has(keys[p - 1] ?? '')) return false; // "interpreted in Brussels as", "concern in Washington"
  if (c.locative.has(prev) && !m.patterns[0]!.seat) return true;
  if (prev === 'of' && c.placeNouns.has(keys[p - 1] ?? '')) return true;
  if (c.placeVerbs.has(prev)) return true;
  if (c.movementPreps.has(prev)) {
    for (let k = p - 1; k >= Math.max(0, p - 5); k--) if (c.movementWords.has(keys[k]!)) return true; // "recalled its ambassador Ihor Kyzym from Minsk"
  }
  // "a Minsk court", "the Moscow metro" already handled; "Moscow-based" is a place too
  if (keys[m.j] === '-' && /^based$/i.test(tokens[m.j + 1]?.text ?? '')) return true;
  return false;
}

/**
 * Is a capital part of a document's or process's name ("the Minsk agreements", "the Minsk I
 * and II ceasefire agreements", "Minsk II")? Skips numerals, "and" and up to two lower-case
 * words before a document head (cues.yaml documentHeads).
 */
function inDocumentName(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, m: GazMatch): boolean {
  let words = 0;
  let numerals = 0;
  for (let k = m.j; k < tokens.length && k < m.j + 7 && sentOf[k] === sentOf[m.i]; k++) {
    const key = keys[k]!;
    if (g.cues.documentHeads.has(key)) return true;
    if (/^(?:I|II|III|IV|V|1|2|3)$/.test(tokens[k]!.text)) {
      numerals++;
      continue;
    }
    if (key === 'and' || key === '-' || key === ',') continue;
    if (words < 2 && !isCap(tokens[k]!.text) && (tokens[k]!.pos === 'NOUN' || tokens[k]!.pos === 'ADJ')) {
      words++;
      continue;
    }
    break;
  }
  return numerals > 0; // "Minsk II" alone is a named series too
}

/**
 * Is a listed organisation or group name the first part of a longer capitalised name ("EU
 * Observer", "the West Bank")? Not when that name holds a title ("UN Assistant Secretary
 * General") or ends in an event or document head ("UN World Summit"): those keep the body.
 */
function swallowedBy(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, m: GazMatch): boolean {
  if (!nameWordAt(g, tokens, keys, sentOf, m.j, m.i, false)) return false;
  let k = m.j;
  while (k < tokens.length && k < m.j + 5 && sentOf[k] === sentOf[m.i] && isCap(tokens[k]!.text) && tokens[k]!.kind === 'word') {
    if (g.cues.titleHeads.has(keys[k]!) || officeAt(g, keys, k)) return false;
    k++;
  }
  return !g.cues.nonActorHeads.has(keys[k - 1]!);
}

/**
 * Which of the states a capital or seat may stand for held it at `date` (states.yaml `valid`):
 * one whose bounds cover the date, preferring bounded (former) states; a state without bounds
 * covers any date. Without a date, a state with no end. Undefined when none held it then.
 */
function stateAtDate(g: Gazetteer, ids: readonly string[], date: string | undefined): string | undefined {
  const uniq = [...new Set(ids)];
  let open: string | undefined;
  let bounded: string | undefined;
  for (const id of uniq) {
    const v = g.validity.get(id);
    if (!v) {
      open ??= id;
      continue;
    }
    if (!date) {
      if (!v.end) open ??= id;
      continue;
    }
    if ((!v.start || v.start <= date) && (!v.end || date < v.end)) bounded ??= id;
  }
  return bounded ?? open;
}

/**
 * Is token k a capitalised word of a longer name next to a match at `from`? Office
 * words ("President") and gazetteer words do not count; a sentence-initial word
 * before the match does not either.
 */
function nameWordAt(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, k: number, from: number, before: boolean): boolean {
  const t = tokens[k];
  if (!t || sentOf[k] !== sentOf[from] || !isCap(t.text) || t.kind !== 'word') return false;
  if (before && t.pos !== 'PROPN') return false;
  if (before ? tokens[k + 1]!.start - t.end > 1 : t.start - tokens[k - 1]!.end > 1) return false;
  if (officeAt(g, keys, k) || g.cues.notNames.has(keys[k]!)) return false;
  if (before && sentOf[k - 1] !== sentOf[k]) return false;
  return true;
}

function titleBefore(g: Gazetteer, keys: string[], i: number): boolean {
  const list = g.titlesByLast.get(keys[i - 1] ?? '');
  if (!list) return false;
  return list.some((t) => i - t.length >= 0 && t.every((k, n) => keys[i - t.length + n] === k));
}

function officeAt(g: Gazetteer, keys: string[], i: number): { keys: string[]; office: string } | undefined {
  const list = g.officeByFirst.get(keys[i] ?? '');
  if (!list) return undefined;
  return list.find((c) => i + c.keys.length <= keys.length && c.keys.every((k, n) => keys[i + n] === k));
}

function officeEndsAt(g: Gazetteer, keys: string[], a: number): boolean {
  const list = g.officeByLast.get(keys[a - 1] ?? '');
  return !!list && list.some((c) => a - c.keys.length >= 0 && c.keys.every((k, n) => keys[a - c.keys.length + n] === k));
}

/**
 * Is the capitalised word before a surname at i a given name that none of the
 * candidate people have (in any transliteration)? Then the name is someone else's.
 */
function foreignGivenName(g: Gazetteer, tokens: Token[], keys: string[], covered: Uint8Array, sentOf: Int32Array, i: number, ids: readonly string[]): boolean {
  const k = i - 1;
  const prev = tokens[k];
  if (!prev || covered[k] || sentOf[k] !== sentOf[i] || !isCap(prev.text) || prev.pos !== 'PROPN') return false;
  if (tokens[i]!.start - prev.end !== 1 || g.cues.notNames.has(keys[k]!) || g.cues.notAlone.has(keys[k]!) || titleBefore(g, keys, i) || officeEndsAt(g, keys, i)) return false;
  if (ROMAN_NUMERAL.test(prev.text) || INITIAL.test(prev.text)) return false; // section numbers, initials
  const gk = translitKey(prev.text);
  return !ids.some((id) => (g.people.get(id)?.givenKeys ?? []).some((x) => keysMatch(gk, x) >= 0 || x.startsWith(gk) || gk.startsWith(x)));
}

/** "Alyaksandr Lukashenka": a capitalised word right before a matched surname is its given name. */
function extendGivenName(g: Gazetteer, tokens: Token[], keys: string[], covered: Uint8Array, sentOf: Int32Array, d: Draft): void {
  const k = d.i - 1;
  const t = tokens[k];
  if (!t || covered[k] || sentOf[k] !== sentOf[d.i]) return;
  if (!isCap(t.text) || t.pos !== 'PROPN' || g.cues.notNames.has(keys[k]!) || tokens[d.i]!.start - t.end !== 1) return;
  if (titleBefore(g, keys, k + 1) || ROMAN_NUMERAL.test(t.text) || g.cues.notAlone.has(keys[k]!)) return;
  d.i = k;
  covered[k] = 1;
}

/** The nearest state named before position `a` in this sentence or the two before it. */
function contextState(g: Gazetteer, drafts: Draft[], sentOf: Int32Array, si: number, a: number): string | undefined {
  let best: Draft | undefined;
  for (const d of drafts) {
    if (d.j > a || sentOf[d.i]! < si - 2 || d.kind !== 'state') continue;
    if (!best || d.i > best.i) best = d;
  }
  if (!best) return undefined;
  // and it must be the state the text is about so far (the most mentioned), or a bare
  // "the president" after a passing mention of another capital goes to the wrong state
  const counts = new Map<string, number>();
  for (const d of drafts) if (d.kind === 'state' && d.j <= a) counts.set(d.actorId, (counts.get(d.actorId) ?? 0) + 1);
  const top = Math.max(...counts.values());
  return counts.get(best.actorId) === top ? best.actorId : undefined;
}

/**
 * Does the adjective ending at token j denote its state? Only when its head noun is
 * a state head (cues.yaml adjectiveHeads), past other adjectives, hyphens and coordinated
 * demonyms: "Russian aggression", "Russian-Belarusian relations", "Russian and Chinese officials".
 */
function adjectiveDenotesState(g: Gazetteer, tokens: Token[], keys: string[], starts: Map<number, GazMatch>, j: number): boolean {
  const c = g.cues;
  // "Russian-led", "Russian-backed": the state as agent
  if (keys[j] === '-' && c.agentiveSuffixes.has(keys[j + 1] ?? '') && tokens[j]!.start === tokens[j - 1]!.end && tokens[j + 1]!.start === tokens[j]!.end) return true;
  let k = j;
  let nouns = 0;
  for (let steps = 0; steps < 6 && k < tokens.length; steps++) {
    const key = keys[k]!;
    if (c.notState.has(key)) return false; // "Belarusian democratic forces", "the Belarusian opposition"
    if (isAdjectiveHead(c.adjectiveHeads, key)) {
      // "Russian air forces": a head word used as a modifier still leads to the head
      if (k + 1 < tokens.length && !isCap(tokens[k + 1]!.text) && tokens[k + 1]!.pos === 'NOUN' && c.notState.has(keys[k + 1]!)) return false;
      return true;
    }
    const m = starts.get(k);
    if (m && m.patterns[0]!.use === 'adjective') {
      k = m.j;
      continue;
    }
    if (key === '-' || key === 'and' || key === ',' || key === 'or') {
      k++;
      continue;
    }
    if (tokens[k]!.pos === 'ADJ' && !isCap(tokens[k]!.text)) {
      k++;
      continue;
    }
    // up to two lower-case nouns as modifiers of the head: "Russian air forces", "Belarusian potash exports"
    if (tokens[k]!.pos === 'NOUN' && !isCap(tokens[k]!.text) && nouns < 2) {
      nouns++;
      k++;
      continue;
    }
    return false;
  }
  return false;
}

/** A state head noun, in the singular or plural. */
function isAdjectiveHead(heads: ReadonlySet<string>, key: string): boolean {
  return heads.has(key) || (key.endsWith('s') && heads.has(key.slice(0, -1))) || heads.has(`${key}s`);
}

// regexes of the per-name tests, built once
const LOWER_WORD = /^\p{Ll}+$/u;
const HAS_LETTER = /\p{L}/u;
const OPENING_QUOTE = /^[“"'(‘]$/;
const ROMAN_NUMERAL = /^[IVX]+\.?$/;
const INITIAL = /^\p{Lu}\.$/u;

const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'and', 'de', 'von', 'van', 'der', 'al', 'bin', 'la', 'le']);

/**
 * The first paragraph holding a position. Paragraphs come in text order without
 * overlaps (normalise builds them so), which allows a binary search; in any other
 * order, the plain scan.
 */
function paragraphFinder<P extends { start: number; end: number }>(paragraphs: readonly P[]): (pos: number) => P | undefined {
  const ordered = paragraphs.every((p, k) => k === 0 || paragraphs[k - 1]!.end <= p.start);
  if (!ordered) return (pos) => paragraphs.find((x) => pos >= x.start && pos < x.end);
  return (pos) => {
    // the last paragraph starting at or before pos
    const p = paragraphs[partitionPoint(paragraphs, (x) => x.start <= pos) - 1];
    return p && pos < p.end ? p : undefined;
  };
}

/** A run of capitalised words that may be an unlisted name; made by newRun() with every field. */
interface Run {
  i: number;
  j: number;
  kind: 'person' | 'organisation' | undefined;
  place: boolean;
  /** A single capitalised word opening a sentence: only ever a bare surname. */
  initial: boolean;
}

function newRun(i: number, j: number, initial: boolean): Run {
  return { i, j, kind: undefined, place: false, initial };
}

/** Phase 6: capitalised PROPN runs no earlier pass took, as people and organisations. */
function unlisted(s: Scan, useCompromise: boolean): Draft[] {
  const runs = nameRuns(s);
  fullNamesOfSurnames(s, runs);
  spreadKinds(s, runs);
  if (useCompromise) classifyByCompromise(s, runs);
  return unlistedDrafts(s, runs);
}

function nameRuns(s: Scan): Run[] {
  const { tokens, flags, covered } = s;
  const paragraphOf = paragraphFinder(s.input.paragraphs ?? []);
  const runs: Run[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // a name token starts with a capital
    if (covered[i] || !(flags[i]! & CAPITALISED) || !isNameToken(tokens[i]!)) continue;
    const j = runEnd(s, i);
    const run = nameRun(s, i, j, paragraphOf);
    if (run) runs.push(run);
    i = j - 1;
  }
  return runs;
}

/** One past the last word of the capitalised run starting at name token i. */
function runEnd(s: Scan, i: number): number {
  const { tokens, keys, covered, sentOf } = s;
  let j = i + 1;
  while (j < tokens.length && !covered[j] && sentOf[j] === sentOf[i] && tokens[j]!.start - tokens[j - 1]!.end <= 1) {
    const glued = tokens[j]!.start === tokens[j - 1]!.end;
    if (isNameToken(tokens[j]!)) j++;
    // a word wink split inside ("Dubček") continues the name
    else if (glued && LOWER_WORD.test(tokens[j]!.text)) j++;
    // "Trans-Caspian"
    else if (glued && keys[j] === '-' && j + 1 < tokens.length && !covered[j + 1] && tokens[j + 1]!.start === tokens[j]!.end && isNameToken(tokens[j + 1]!)) j += 2;
    // "the Socialists of Igor Dodon": a connector before a first name starts another name
    else if (NAME_CONNECTORS.has(keys[j]!) && j + 1 < tokens.length && !covered[j + 1] && isNameToken(tokens[j + 1]!) && tokens[j + 1]!.pos === 'PROPN' && lexiconTag(tokens[j + 1]!.text) !== 'first-name') j += 2;
    else break;
  }
  return j;
}

/** The name in the run [first, j), trimmed, with what its words and context say it is; undefined for none. */
function nameRun(s: Scan, first: number, j: number, paragraphOf: (pos: number) => { kind: ParagraphKind } | undefined): Run | undefined {
  const { g, layer, tokens, keys, sentOf } = s;
  const connectors = NAME_CONNECTORS;
  // trim words that never start or end a name; a title before a name makes it a person
  let a = first;
  let b = j;
  let titled = false;
  while (a < b && (g.cues.notNames.has(keys[a]!) || connectors.has(keys[a]!))) a++;
  while (b > a && (g.cues.notNames.has(keys[b - 1]!) || connectors.has(keys[b - 1]!) || keys[b - 1] === '-')) b--;
  for (let k = b - 2; k >= a; k--) {
    // "Ex-premier", "Vice-Chairman": the last part of a hyphenated word counts
    if (g.cues.titleHeads.has(keys[k]!) || (keys[k]!.includes('-') && g.cues.titleHeads.has(keys[k]!.slice(keys[k]!.lastIndexOf('-') + 1)))) {
      a = k + 1;
      titled = true;
      break;
    }
  }
  while (a < b && connectors.has(keys[a]!)) a++;
  // a capitalised common word opening the sentence is not part of the name ("Yesterday Michael Jordan")
  if (a < b - 1 && a === layer.sentences[sentOf[a]!]?.tokenStart && (tokens[a]!.pos !== 'PROPN' || lexiconTag(tokens[a]!.text) === 'common')) a++;
  if (a >= b) return undefined;
  const words = tokens.slice(a, b);
  if (words.every((t, n) => g.cues.notAlone.has(keys[a + n]!) || !HAS_LETTER.test(t.text))) return undefined;
  if (s.input.paragraphs && !runningText(paragraphOf(tokens[a]!.start))) return undefined;
  if (!words.some((t) => t.pos === 'PROPN')) return undefined;
  if (words.every((t) => isAcronym(t.text)) && words.some((t) => t.text.length > 6)) return undefined; // SHOUTED headings
  // a single word opening a sentence is more often a common word than a name
  const sentStart = layer.sentences[sentOf[a]!]?.tokenStart;
  // (kept only as a possible bare surname of a person named in full before)
  if (b - a === 1 && (a === sentStart || (a === first && first > 0 && OPENING_QUOTE.test(tokens[first - 1]!.text)))) return newRun(a, b, true);
  const run = newRun(a, b, false);
  classifyRun(s, run, words, titled);
  return run;
}

function runningText(p: { kind: ParagraphKind } | undefined): boolean {
  return !p || RUNNING.has(p.kind);
}

/** Person, organisation or place, from the run's own words, its lexicon tags and the words around it. */
function classifyRun(s: Scan, run: Run, words: Token[], titled: boolean): void {
  const { g, tokens, keys, sentOf } = s;
  const a = run.i;
  const b = run.j;
  const last = keys[b - 1]!;
  const multi = b - a > 1;
  const tags: (LexiconTag | undefined)[] = [];
  for (const t of words) tags.push(lexiconTag(t.text));
  // "the Eastern Partnership program": a lower-case non-actor head right after the name makes it a name of a thing
  const after = tokens[b];
  const thingAfter = !!after && sentOf[b] === sentOf[a] && !isCap(after.text) && g.cues.nonActorHeads.has(keys[b]!);
  if (thingAfter || (multi && (g.cues.nonActorHeads.has(last) || tags[tags.length - 1] === 'place-word'))) run.place = true;
  else if (multi && (g.cues.orgHeads.has(last) || tags[tags.length - 1] === 'org-word')) run.kind = 'organisation';
  else if (titled || titleBefore(g, keys, a) || officeEndsAt(g, keys, a)) run.kind = 'person';
  else if (tags.includes('organisation')) run.kind = 'organisation';
  else if (multi && tags[0] === 'first-name') run.kind = 'person';
  else if (multi && tags[tags.length - 1] === 'last-name' && !tags.includes('place')) run.kind = 'person';
  else if (tags.includes('place')) run.place = true;
  else if (a > 0 && sentOf[a - 1] === sentOf[a] && !isCap(tokens[a - 1]!.text) && g.cues.orgNouns.has(keys[a - 1]!)) run.kind = 'organisation';
  else if (personCue(g, tokens, keys, sentOf, a, b)) run.kind = 'person';
}

/**
 * A name of two or three words whose last word also stands alone elsewhere in the text is a
 * person named by full name, then by surname ("Radu Vîlcea … Vîlcea"): organisations and
 * places are not shortened to their last word.
 */
function fullNamesOfSurnames(s: Scan, runs: Run[]): void {
  const { g, tokens, keys } = s;
  const alone = new Set<string>();
  for (const r of runs) if (r.j - r.i === 1 && !r.place) alone.add(keys[r.i]!);
  for (const r of runs) {
    if (r.kind || r.place || r.j - r.i < 2 || r.j - r.i > 3 || !alone.has(keys[r.j - 1]!)) continue;
    if (plainNameWords(g, tokens, keys, r.i, r.j)) r.kind = 'person';
  }
}

function runName(s: Scan, r: Run): string {
  return s.input.text.slice(s.tokens[r.i]!.start, s.tokens[r.j - 1]!.end);
}

/**
 * One name, one kind: what one occurrence shows ("candidate Jan Kowal") holds for the
 * others, and a later bare surname ("Kowal") is the same person.
 */
function spreadKinds(s: Scan, runs: Run[]): void {
  const kindOf = new Map<string, 'person' | 'organisation'>();
  for (const r of runs) if (r.kind) kindOf.set(runName(s, r), r.kind);
  for (const r of runs) if (!r.kind && !r.place) {
    const k = kindOf.get(runName(s, r));
    if (k) r.kind = k;
  }
}

/**
 * compromise's tagger only for multi-word names that nothing cheaper classified and that
 * recur in the document (the names a story is about): a few words each side of each
 * occurrence, all in one call. Its cost grows with the text it reads and it has a large
 * fixed cost per call (see bench/actors-cost.ts), so whole sentences are never sent.
 */
function classifyByCompromise(s: Scan, runs: Run[]): void {
  const { layer, tokens, sentOf } = s;
  const counts = new Map<string, number>();
  for (const r of runs) if (!r.kind && !r.place && r.j - r.i > 1) counts.set(runName(s, r), (counts.get(runName(s, r)) ?? 0) + 1);
  const doubtful = runs.filter((r) => !r.kind && !r.place && (counts.get(runName(s, r)) ?? 0) >= COMPROMISE_MIN_OCCURRENCES);
  if (doubtful.length === 0) return;
  const windows: Span[] = [];
  for (const r of doubtful) {
    const sent = layer.sentences[sentOf[r.i]!]!;
    const from = tokens[Math.max(sent.tokenStart, r.i - COMPROMISE_CONTEXT)]!.start;
    const to = tokens[Math.min(sent.tokenEnd, r.j + COMPROMISE_CONTEXT) - 1]!.end;
    const prev = windows[windows.length - 1];
    if (prev && from <= prev.end) prev.end = Math.max(prev.end, to);
    else windows.push({ start: from, end: to });
  }
  const c = nameCandidatesIn(s.input.text, windows);
  for (const r of doubtful) {
    const rs = tokens[r.i]!.start;
    const re = tokens[r.j - 1]!.end;
    const hit = (x: Span): boolean => x.start < re && x.end > rs;
    if (c.people.some(hit)) r.kind = 'person';
    else if (c.organisations.some(hit)) r.kind = 'organisation';
  }
  spreadKinds(s, runs);
}

function unlistedDrafts(s: Scan, runs: Run[]): Draft[] {
  const { keys } = s;
  const out: Draft[] = [];
  const surnameOf = new Map<string, string>();
  const fullName = new Map<string, string>();
  for (const r of runs) {
    if (!r.kind) continue;
    const name = runName(s, r);
    let id = `${r.kind === 'person' ? 'person' : 'org'}:${slug(name)}`;
    let canonical = name;
    if (r.kind === 'person') {
      if (r.j - r.i > 1) {
        surnameOf.set(keys[r.j - 1]!, id);
        fullName.set(id, name);
      } else {
        const full = surnameOf.get(keys[r.i]!);
        if (full) {
          id = full;
          canonical = fullName.get(full) ?? name;
        }
      }
    }
    if (id.endsWith(':')) continue;
    out.push(draft(r.i, r.j, id, r.kind, canonical, 'unlisted', 'actors/unlisted', 0.5));
  }
  // a bare surname whose full name came earlier, never classified on its own
  for (const r of runs) {
    if (r.kind || r.place || r.j - r.i !== 1) continue;
    const full = surnameOf.get(keys[r.i]!);
    if (!full) continue;
    const fullRun = out.find((d) => d.actorId === full);
    if (!fullRun || fullRun.i > r.i) continue;
    out.push(draft(r.i, r.j, full, 'person', fullName.get(full) ?? fullRun.canonical, 'unlisted', 'actors/unlisted-surname', 0.45));
  }
  return out;
}

/**
 * Evidence in the words around an unlisted name [a, b) that it is a person (cues.yaml):
 * a role noun right before it ("the fugitive businessman X", "the police chief, X"), a verb
 * of saying right after a name of two or more words ("X Y said"), an apposition with a role
 * noun ("X Y, a former prosecutor general,"), or a possessive on a name of plain name words.
 */
function personCue(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, a: number, b: number): boolean {
  const c = g.cues;
  for (let k = a; k < b; k++) if (isAcronym(tokens[k]!.text)) return false; // "IRNA", "NTT DoCoMo": people are not written in capitals
  if (personNounAt(g, tokens, keys, sentOf, a - 1, a) || (keys[a - 1] === ',' && personNounAt(g, tokens, keys, sentOf, a - 2, a))) return true;
  if (b - a < 2) return false;
  // the remaining cues only for names made of plain name words ("Central Java", "English
  // Premiership" say and own things too)
  if (!plainNameWords(g, tokens, keys, a, b)) return false;
  const same = inSentence(tokens, sentOf, b, a);
  if (same && c.sayingVerbs.has(keys[b]!)) return true;
  if (same && keys[b] === ',') {
    for (let k = b + 1; k < Math.min(tokens.length, b + 7) && inSentence(tokens, sentOf, k, a); k++) {
      const key = keys[k]!;
      if (k === b + 1 && key !== 'a' && key !== 'an' && key !== 'the' && key !== 'who' && !c.personNouns.has(key)) break;
      if (key === 'who') return true;
      if (c.personNouns.has(key) || c.appositionNouns.has(key)) return true;
      if (tokens[k]!.pos === 'VERB' || key === ',' || key === '.') break;
    }
  }
  return same && (keys[b] === "'s" || keys[b] === "'");
}

/** Is token k in the text and in token a's sentence? */
function inSentence(tokens: Token[], sentOf: Int32Array, k: number, a: number): boolean {
  return k >= 0 && k < tokens.length && sentOf[k] === sentOf[a];
}

/** A lower-case role noun at k, in token a's sentence ("the fugitive businessman X"). */
function personNounAt(g: Gazetteer, tokens: Token[], keys: string[], sentOf: Int32Array, k: number, a: number): boolean {
  return inSentence(tokens, sentOf, k, a) && !isCap(tokens[k]!.text) && g.cues.personNouns.has(keys[k]!);
}

/** Are the words [a, b) all proper nouns that may stand alone and that compromise's lexicon knows as names or not at all? */
function plainNameWords(g: Gazetteer, tokens: Token[], keys: string[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    if (tokens[k]!.pos !== 'PROPN' || g.cues.notAlone.has(keys[k]!)) return false;
    const tag = lexiconTag(tokens[k]!.text);
    if (tag !== undefined && tag !== 'first-name' && tag !== 'last-name') return false;
  }
  return true;
}

const NAME_TOKEN = /^\p{Lu}[\p{L}'’.-]*$/u;

function isNameToken(t: Token): boolean {
  if (t.kind !== 'word') return false;
  const c = t.text.charCodeAt(0);
  if (c >= 97 && c <= 122) return false; // a-z: the common case, without the regex
  return NAME_TOKEN.test(t.text) && t.pos !== 'PUNCT';
}
