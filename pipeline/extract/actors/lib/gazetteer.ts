/**
 * The actor gazetteer: states, organisations, people with offices, roles and
 * context cues, loaded from pipeline/lang/en/actors/*.yaml, validated by zod,
 * and indexed once per process for token-sequence matching.
 */
import { z } from 'zod';
import { loadData } from '../../../core/data.ts';
import { BoundedMap } from '../../../core/bounded-map.ts';
import { slug } from '../../../core/ids.ts';
import type { ActorKind } from '../../../core/schema.ts';
import { analyse } from '../../../adapters/wink.ts';
import { translitKey } from './translit.ts';
import { wholeWords } from './tokens.ts';
import { caseRule, type CaseRule } from './case.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A worked example: every `expect` item must be found, every `absent` item must not be an actor (kind place is allowed). */
export const ExampleSchema = z.object({
  text: z.string(),
  published: IsoDate.optional(),
  dates: z.array(z.object({ text: z.string(), value: z.string() })).optional(),
  expect: z
    .array(z.object({ text: z.string(), actorId: z.string(), matchedBy: z.string().optional() }))
    .default([]),
  absent: z.array(z.object({ text: z.string(), actorId: z.string().optional() })).default([]),
});
export type ActorExample = z.infer<typeof ExampleSchema>;
const Examples = {
  examples: z.array(ExampleSchema).default([]),
  counterExamples: z.array(ExampleSchema).default([]),
};

const StateId = z.string().regex(/^[A-Z]{3}$/);

export const StatesFileSchema = z.object({
  states: z.array(
    z.object({
      id: StateId,
      name: z.string(),
      aliases: z.array(z.string()),
      adjectives: z.array(z.string()),
      capitals: z.array(z.string()),
      seats: z.array(z.string()),
      leader: z.string(),
      /** When the state existed: a capital shared with a successor (Moscow: SUN, RUS) goes to the one valid at the sentence's date. */
      valid: z.object({ start: IsoDate.optional(), end: IsoDate.optional() }).optional(),
      /** For de facto states and breakaway regions: the state they broke away from. */
      parent: StateId.optional(),
    }),
  ),
  /** Regions and towns that are only ever places. */
  places: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), state: StateId.optional() })).default([]),
  ...Examples,
});

export const OrganisationsFileSchema = z.object({
  organisations: z.array(
    z.object({
      id: z.string().regex(/^(?:org|group):[a-z0-9-]+$/),
      name: z.string(),
      aliases: z.array(z.string()),
      /** Adjectival forms ("Western"), read like state demonyms: only before a state head noun. */
      adjectives: z.array(z.string()).default([]),
      /** Short names valid only when the organisation's state is the one the document is about ("Central Election Commission"). */
      shortNames: z.array(z.string()).default([]),
      /** Definite descriptions that refer back to the organisation once it has been named ("the Union" after the EU). */
      anaphors: z.array(z.string()).default([]),
      kind: z.enum(['organisation', 'group']),
      state: StateId.optional(),
      /** Seats standing for the organisation ("Brussels" for the EU): metonyms, with the same place cues as capitals. */
      seats: z.array(z.string()).default([]),
    }),
  ),
  ...Examples,
});

export const OfficeRecordSchema = z.object({
  office: z.string(),
  /** A state id, or an organisation id for posts such as NATO secretary general. */
  state: z.string(),
  start: IsoDate,
  end: IsoDate.optional(),
});
export type OfficeRecord = z.infer<typeof OfficeRecordSchema>;

export const PeopleFileSchema = z.object({
  people: z.array(
    z.object({
      id: z.string().regex(/^person:[a-z0-9-]+$/),
      name: z.string(),
      given: z.array(z.string()),
      surname: z.array(z.string()),
      aliases: z.array(z.string()).default([]),
      surnameAlone: z.boolean().default(true),
      state: StateId.nullable(),
      org: z.string().optional(),
      offices: z.array(OfficeRecordSchema),
    }),
  ),
  ...Examples,
});

export const RolesFileSchema = z.object({
  offices: z.array(z.object({ office: z.string(), cues: z.array(z.string()).min(1) })),
  /** When a state has no holder of an office, the office tried next ("prime-minister" → "chancellor"). */
  fallbacks: z.record(z.string(), z.array(z.string())).default({}),
  modifiers: z.record(z.string(), z.enum(['then', 'former', 'current'])),
  ...Examples,
});

export const CuesFileSchema = z.object({
  place: z.object({
    locativePrepositions: z.array(z.string()),
    movementPrepositions: z.array(z.string()),
    movementWords: z.array(z.string()),
    placeVerbs: z.array(z.string()),
    placeNouns: z.array(z.string()),
    reactionWords: z.array(z.string()),
  }),
  adjectiveHeads: z.array(z.string()),
  personTitles: z.array(z.string()),
  orgHeads: z.array(z.string()),
  notNames: z.array(z.string()),
  notAlone: z.array(z.string()),
  nonActorHeads: z.array(z.string()),
  titleHeads: z.array(z.string()),
  notState: z.array(z.string()),
  agentiveSuffixes: z.array(z.string()),
  compass: z.array(z.string()),
  documentHeads: z.array(z.string()),
  sayingVerbs: z.array(z.string()),
  personNouns: z.array(z.string()),
  orgNouns: z.array(z.string()),
  appositionNouns: z.array(z.string()),
  ...Examples,
});

export const DATA_FILES = [
  'actors/states.yaml',
  'actors/organisations.yaml',
  'actors/people.yaml',
  'actors/roles.yaml',
  'actors/cues.yaml',
] as const;

export interface ActorRecord {
  id: string;
  kind: ActorKind;
  canonical: string;
  /** For people, organisations and places: the state they belong to, if any. */
  state?: string;
}

/** When a state existed (only former states and successors sharing a capital have bounds). */
export interface Validity {
  start?: string | undefined;
  end?: string | undefined;
}

export type PatternUse = 'alias' | 'surname' | 'metonym' | 'adjective';

export interface Pattern {
  /** Tokens as written (for case checks) and their folded keys. */
  tokens: string[];
  keys: string[];
  /** How each text token must be written (caseRule of each token). */
  cases: CaseRule[];
  actorId: string;
  use: PatternUse;
  /** Surname that may not stand alone (May, Brown): needs a title before it. */
  needsTitle: boolean;
  /** A seat of government (the Kremlin), not a capital: a locative alone does not make it a place. */
  seat: boolean;
  /** A short name that holds only when this state is the document's focal state. */
  focal: string | undefined;
  /** A place that is never an actor (regions, towns). */
  place: boolean;
}

/** What add() may say of a pattern beyond its words, actor and use. */
type PatternExtra = { seat?: true; focal?: string; place?: true };

/**
 * An actor as the gazetteer holds it: every record has `state` (undefined when there is
 * none), so the records share one hidden class (people have one more, with their offices).
 */
export interface ListedActor {
  id: string;
  kind: ActorKind;
  canonical: string;
  state: string | undefined;
}

export interface PersonRecord extends ListedActor {
  offices: OfficeRecord[];
  surnameKeys: string[];
  givenKeys: string[];
}

export interface Gazetteer {
  actors: Map<string, ListedActor>;
  people: Map<string, PersonRecord>;
  /** First-token key → patterns starting with it, longest first. */
  index: Map<string, Pattern[]>;
  /** translitKey(surname) → person ids, for the fuzzy pass. */
  surnameKeys: Map<string, string[]>;
  /** The same keys by first letter, for the one-edit comparison. */
  surnameKeysByInitial: Map<string, [string, string[]][]>;
  stateLeader: Map<string, string>;
  validity: Map<string, Validity>;
  /** Anaphoric names ("the Union") by first folded key, with the organisation they refer back to. */
  anaphors: Map<string, { keys: string[]; cases: CaseRule[]; actorId: string }[]>;
  /** Office cues as folded token sequences, longest first. */
  officeCues: { keys: string[]; office: string }[];
  /** Office cues by first key and by last key (longest first), for quick lookups. */
  officeByFirst: Map<string, { keys: string[]; office: string }[]>;
  officeByLast: Map<string, { keys: string[]; office: string }[]>;
  /** Person titles by last key. */
  titlesByLast: Map<string, string[][]>;
  /** What each folded key may start (STARTS_* bits): one lookup per token tells the passes which tokens to try. */
  starts: Map<string, number>;
  officeFallbacks: Record<string, string[]>;
  /** A Map, not the data file's object: a token such as "constructor" must not find Object.prototype's. */
  modifiers: ReadonlyMap<string, 'then' | 'former' | 'current'>;
  cues: {
    locative: Set<string>;
    movementPreps: Set<string>;
    movementWords: Set<string>;
    placeVerbs: Set<string>;
    placeNouns: Set<string>;
    reactionWords: Set<string>;
    adjectiveHeads: Set<string>;
    personTitles: { keys: string[] }[];
    orgHeads: Set<string>;
    notNames: Set<string>;
    notAlone: Set<string>;
    nonActorHeads: Set<string>;
    titleHeads: Set<string>;
    notState: Set<string>;
    agentiveSuffixes: Set<string>;
    compass: Set<string>;
    documentHeads: Set<string>;
    sayingVerbs: Set<string>;
    personNouns: Set<string>;
    orgNouns: Set<string>;
    appositionNouns: Set<string>;
  };
  examples: { file: string; example: ActorExample; counter: boolean }[];
}

/** Gazetteer.starts bits: the key is the first of a listed name, of an office cue, of an anaphoric name. */
export const STARTS_NAME = 1;
export const STARTS_OFFICE = 2;
export const STARTS_ANAPHOR = 4;

/** Fold a token for matching: diacritics off, curly apostrophes straight, lower case. */
export function foldToken(t: string): string {
  // A character loop for the common case, printable ASCII, run on every token of every
  // document: it finds whether there is anything to lower-case, and most tokens have not.
  let upper = false;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c < 0x20 || c > 0x7e) return foldUnicode(t);
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? t.toLowerCase() : t;
}

/**
 * Folds of words outside printable ASCII, by word: most are a few punctuation marks ("’s",
 * "—", "“") met in every document, and normalising costs more than a lookup. A function of
 * the word alone, so remembering it across documents changes nothing.
 */
const unicodeFolds = new BoundedMap<string, string>(50_000);

function foldUnicode(t: string): string {
  let folded = unicodeFolds.get(t);
  if (folded === undefined) {
    folded = t
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2019\u2018`]/g, "'")
      .toLowerCase();
    unicodeFolds.set(t, folded);
  }
  return folded;
}

/** Tokenise a phrase with wink, as the text is, so aliases and text split the same way. */
export function tokenise(phrase: string): string[] {
  return wholeWords(analyse(phrase)).tokens.map((t) => t.text);
}

/**
 * tokenise() of each phrase, with one wink pass over many phrases (one per paragraph)
 * instead of one pass each: a pass has a large fixed cost, and the gazetteer has about
 * two thousand phrases. wink cuts text at spaces and line breaks before anything else,
 * so a phrase's words come out as they would alone. The one step that looks at the
 * context is splitting a possessive, by part of speech (wink.ts pushPossessive):
 * phrases with an apostrophe are still read alone, in their turn, so wink meets every
 * phrase in the same order either way.
 */
export function tokeniseAll(phrases: readonly string[]): string[][] {
  const out: string[][] = new Array(phrases.length);
  let batch: number[] = [];
  const readBatch = (): void => {
    if (batch.length === 0) return;
    const starts: number[] = [];
    let text = '';
    for (const k of batch) {
      if (text) text += '\n\n';
      starts.push(text.length);
      text += phrases[k]!;
    }
    const tokens = wholeWords(analyse(text)).tokens;
    let n = 0;
    batch.forEach((k, b) => {
      const start = starts[b]!;
      const end = start + phrases[k]!.length;
      const words: string[] = [];
      for (; n < tokens.length && tokens[n]!.start < end; n++) if (tokens[n]!.start >= start) words.push(tokens[n]!.text);
      out[k] = words;
    });
    batch = [];
  };
  phrases.forEach((phrase, k) => {
    if (/['’\n]/.test(phrase)) {
      readBatch();
      out[k] = tokenise(phrase);
    } else batch.push(k);
  });
  readBatch();
  return out;
}

let cached: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  cached ??= build();
  return cached;
}

function build(): Gazetteer {
  const states = loadData(DATA_FILES[0], StatesFileSchema);
  const orgs = loadData(DATA_FILES[1], OrganisationsFileSchema);
  const people = loadData(DATA_FILES[2], PeopleFileSchema);
  const roles = loadData(DATA_FILES[3], RolesFileSchema);
  const cues = loadData(DATA_FILES[4], CuesFileSchema);

  const g: Gazetteer = {
    actors: new Map(),
    people: new Map(),
    index: new Map(),
    surnameKeys: new Map(),
    surnameKeysByInitial: new Map(),
    stateLeader: new Map(),
    validity: new Map(),
    anaphors: new Map(),
    officeCues: [],
    officeByFirst: new Map(),
    officeByLast: new Map(),
    titlesByLast: new Map(),
    starts: new Map(),
    officeFallbacks: roles.fallbacks,
    modifiers: new Map(Object.entries(roles.modifiers)),
    cues: {
      locative: new Set(cues.place.locativePrepositions),
      movementPreps: new Set(cues.place.movementPrepositions),
      movementWords: new Set(cues.place.movementWords),
      placeVerbs: new Set(cues.place.placeVerbs),
      placeNouns: new Set(cues.place.placeNouns),
      reactionWords: new Set(cues.place.reactionWords),
      adjectiveHeads: new Set(cues.adjectiveHeads),
      personTitles: [],
      orgHeads: new Set(cues.orgHeads),
      notNames: new Set(cues.notNames),
      notAlone: new Set(cues.notAlone),
      nonActorHeads: new Set(cues.nonActorHeads),
      titleHeads: new Set(cues.titleHeads),
      notState: new Set(cues.notState),
      agentiveSuffixes: new Set(cues.agentiveSuffixes),
      compass: new Set(cues.compass),
      documentHeads: new Set(cues.documentHeads),
      sayingVerbs: new Set(cues.sayingVerbs),
      personNouns: new Set(cues.personNouns),
      orgNouns: new Set(cues.orgNouns),
      appositionNouns: new Set(cues.appositionNouns),
    },
    examples: [],
  };
  // Every phrase is tokenised in one go once the data has been walked (tokeniseAll); what
  // needs a phrase's tokens waits in `then`, and runs in the order the phrases were met.
  const phrases: string[] = [];
  const then: ((tokens: string[]) => void)[] = [];
  const withTokens = (phrase: string, use: (tokens: string[]) => void): void => {
    phrases.push(phrase);
    then.push(use);
  };
  for (const t of cues.personTitles) withTokens(t, (tokens) => g.cues.personTitles.push({ keys: tokens.map(foldToken) }));
  const seen = new Set<string>();
  const add = (phrase: string, actorId: string, use: PatternUse, needsTitle = false, extra: PatternExtra = {}): void =>
    withTokens(phrase.replace(/^the\s+/, ''), (tokens) => index(tokens, actorId, use, needsTitle, extra));
  const index = (tokens: string[], actorId: string, use: PatternUse, needsTitle: boolean, extra: PatternExtra): void => {
    if (tokens.length === 0) return;
    const keys = tokens.map(foldToken);
    // first use wins (names before adjectives); the same words in another case are a second pattern
    const sig = `${tokens.join(' ')}\u0000${actorId}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    // every field present, in one order: one hidden class for all patterns
    const p: Pattern = { tokens, keys, cases: tokens.map(caseRule), actorId, use, needsTitle, seat: extra.seat ?? false, focal: extra.focal, place: extra.place ?? false };
    const list = g.index.get(keys[0]!) ?? [];
    list.push(p);
    g.index.set(keys[0]!, list);
  };

  for (const s of states.states) {
    g.actors.set(s.id, { id: s.id, kind: 'state', canonical: s.name, state: undefined });
    g.stateLeader.set(s.id, s.leader);
    // both bounds present (zod leaves a missing one out): one hidden class for all
    if (s.valid) g.validity.set(s.id, { start: s.valid.start, end: s.valid.end });
    for (const n of [s.name, ...s.aliases]) add(n, s.id, 'alias');
    for (const a of s.adjectives) add(a, s.id, 'adjective');
    for (const c of [...s.capitals, ...s.seats]) {
      const pid = `place:${slug(c.replace(/^the\s+/, ''))}`;
      // a capital shared by a former state and its successor keeps the first (current) state
      if (!g.actors.has(pid)) g.actors.set(pid, { id: pid, kind: 'place', canonical: c.replace(/^the\s+/, ''), state: s.id });
      add(c, s.id, 'metonym', false, s.seats.includes(c) ? { seat: true } : {});
    }
  }
  for (const pl of states.places) {
    const pid = `place:${slug(pl.name)}`;
    g.actors.set(pid, { id: pid, kind: 'place', canonical: pl.name, state: pl.state });
    for (const n of [pl.name, ...pl.aliases]) add(n, pid, 'alias', false, { place: true });
  }
  for (const o of orgs.organisations) {
    g.actors.set(o.id, { id: o.id, kind: o.kind, canonical: o.name, state: o.state });
    for (const n of [o.name, ...o.aliases]) add(n, o.id, 'alias');
    for (const a of o.adjectives) add(a, o.id, 'adjective');
    if (o.state) for (const n of o.shortNames) add(n, o.id, 'alias', false, { focal: o.state });
    for (const a of o.anaphors) {
      withTokens(a, (tokens) => {
        const keys = tokens.map(foldToken);
        g.anaphors.set(keys[0]!, [...(g.anaphors.get(keys[0]!) ?? []), { keys, cases: tokens.map(caseRule), actorId: o.id }]);
      });
    }
    for (const c of o.seats) {
      const pid = `place:${slug(c.replace(/^the\s+/, ''))}`;
      if (!g.actors.has(pid)) g.actors.set(pid, { id: pid, kind: 'place', canonical: c.replace(/^the\s+/, ''), state: undefined });
      add(c, o.id, 'metonym');
    }
  }
  for (const p of people.people) {
    // offices copied with every field: zod leaves `end` out of open terms
    const offices = p.offices.map((r) => ({ office: r.office, state: r.state, start: r.start, end: r.end }));
    const rec: PersonRecord = { id: p.id, kind: 'person', canonical: p.name, state: p.state ?? undefined, offices, surnameKeys: [], givenKeys: p.given.map(translitKey) };
    g.actors.set(p.id, rec);
    g.people.set(p.id, rec);
    add(p.name, p.id, 'alias');
    for (const a of p.aliases) add(a, p.id, 'alias');
    for (const gv of p.given) for (const sn of p.surname) add(`${gv} ${sn}`, p.id, 'alias');
    for (const sn of p.surname) {
      add(sn, p.id, 'surname', !p.surnameAlone);
      const k = translitKey(sn);
      rec.surnameKeys.push(k);
      if (p.surnameAlone && !sn.includes(' ')) {
        const ids = g.surnameKeys.get(k) ?? [];
        if (!ids.includes(p.id)) ids.push(p.id);
        g.surnameKeys.set(k, ids);
      }
    }
  }
  for (const [k, ids] of g.surnameKeys) {
    const list = g.surnameKeysByInitial.get(k[0]!) ?? [];
    list.push([k, ids]);
    g.surnameKeysByInitial.set(k[0]!, list);
  }
  for (const o of roles.offices) for (const c of o.cues) withTokens(c, (tokens) => g.officeCues.push({ keys: tokens.map(foldToken), office: o.office }));
  tokeniseAll(phrases).forEach((tokens, k) => then[k]!(tokens));
  for (const list of g.index.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  g.officeCues.sort((a, b) => b.keys.length - a.keys.length);
  for (const c of g.officeCues) {
    const f = c.keys[0]!;
    const l = c.keys[c.keys.length - 1]!;
    g.officeByFirst.set(f, [...(g.officeByFirst.get(f) ?? []), c]);
    g.officeByLast.set(l, [...(g.officeByLast.get(l) ?? []), c]);
  }
  const mark = (key: string, bit: number): void => {
    g.starts.set(key, (g.starts.get(key) ?? 0) | bit);
  };
  for (const key of g.index.keys()) mark(key, STARTS_NAME);
  for (const key of g.officeByFirst.keys()) mark(key, STARTS_OFFICE);
  for (const key of g.anaphors.keys()) mark(key, STARTS_ANAPHOR);
  for (const t of g.cues.personTitles) {
    const l = t.keys[t.keys.length - 1]!;
    g.titlesByLast.set(l, [...(g.titlesByLast.get(l) ?? []), t.keys]);
  }

  const files: [string, { examples: ActorExample[]; counterExamples: ActorExample[] }][] = [
    [DATA_FILES[0], states],
    [DATA_FILES[1], orgs],
    [DATA_FILES[2], people],
    [DATA_FILES[3], roles],
    [DATA_FILES[4], cues],
  ];
  for (const [file, d] of files) {
    for (const e of d.examples) g.examples.push({ file, example: e, counter: false });
    for (const e of d.counterExamples) g.examples.push({ file, example: e, counter: true });
  }
  return g;
}

/** The gazetteer record of an actor id, or undefined for unlisted ids. */
export function getActor(actorId: string): ActorRecord | undefined {
  const r = gazetteer().actors.get(actorId);
  if (!r) return undefined;
  const out: ActorRecord = { id: r.id, kind: r.kind, canonical: r.canonical };
  if (r.state) out.state = r.state;
  return out;
}

/** Every listed actor that belongs to a state (its people, organisations, capitals), the state itself first. */
export function actorsForState(stateId: string): ActorRecord[] {
  const g = gazetteer();
  const out: ActorRecord[] = [];
  const self = g.actors.get(stateId);
  if (self) out.push({ id: self.id, kind: self.kind, canonical: self.canonical });
  for (const r of g.actors.values()) if (r.state === stateId) out.push(getActor(r.id)!);
  return out;
}
