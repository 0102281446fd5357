/**
 * The relation lexicon and the modality/polarity cue lists, as data
 * (pipeline/lang/en/claims/*.yaml), validated by zod at load. A relation is
 * data only: adding one needs no code. Cue patterns are a small phrase
 * language compiled to regular expressions once (see compileCue).
 */
import { z } from 'zod';
import { DataFileError, loadData } from '../core/data.ts';
import { groupAlternatives, isOneCharacter, literalOf, oneCharacterRegex, parsePattern, termOf, type AST, type OneCharacter } from '../core/regex-syntax.ts';

export const RELATIONS_FILE = 'claims/relations.yaml';
export const CUES_FILE = 'claims/cues.yaml';

const CueSchema = z.union([
  z.string().min(1),
  z.object({
    /** The phrase pattern (see compileCue). */
    pattern: z.string().min(1),
    /**
     * Where the agent (the claim's subject) stands relative to the cue:
     * before (default, "X lent Y"), after ("Y received a loan from X": the actor
     * after the cue is the subject and the one before it the object).
     */
    agent: z.enum(['before', 'after']).optional(),
    /** The cue is a noun (nominalisation): its agent is a possessor or a "by"-phrase, else unknown. */
    nominal: z.boolean().optional(),
  }),
]);

/** An example sentence: actors are written inline as [surface:ACTOR_ID]. */
const ExampleSchema = z.object({
  text: z.string().min(1),
  subject: z.string().optional(),
  object: z.string().optional(),
  polarity: z.enum(['affirmed', 'negated']).optional(),
  modality: z.enum(['asserted', 'hedged', 'reported', 'predicted']).optional(),
  attributedTo: z.string().optional(),
});

export const RelationSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'relation ids are family.name'),
  /** Topic keywords (`claims topic <keyword>`). */
  topics: z.array(z.string().min(1)).min(1),
  /** event: happens at a time (dates and figures can conflict); stance: holds over a period (contrary accounts). */
  kind: z.enum(['event', 'stance']),
  /** Happens once per subject and object (gaining independence, joining an organisation): different dates conflict. */
  unique: z.boolean().default(false),
  /** Two day dates of this event this close are one event given different dates (an election, a visit); 0: only when the figures agree too. */
  eventWindowDays: z.number().int().nonnegative().default(0),
  /** person subjects are read as the state they lead (foreign-policy stances, elections). */
  subjectScope: z.enum(['as-is', 'state']).default('as-is'),
  /** Whether the object is read as its state like the subject (default: as subjectScope), or kept (a detained person). */
  objectScope: z.enum(['as-is', 'state']).optional(),
  /** first: the clause's first actor (the grammatical subject); nearest: the actor closest before the cue ("viewed X as an independent actor"). */
  subjectPick: z.enum(['first', 'nearest']).default('first'),
  /** Where the object is: after (inside the cue or just after it) or cue (inside it, or a modifier just before: "threat to Belarusian sovereignty", "the country's annexation"). */
  objectIn: z.enum(['after', 'cue']).default('after'),
  /** When no object is found: none, or the subject itself ("Belarus defends its sovereignty"). */
  objectDefault: z.enum(['none', 'subject']).default('none'),
  /**
   * When no object is named, the target is the story's focal state (a sanction, a loan, a base told without
   * naming whom: "the EU is easing sanctions" in a story about one country), unless that is the subject itself.
   */
  objectFocal: z.boolean().default(false),
  /**
   * "X and Y <cue>": object: the coordinated actor is the other party ("China and Russia held joint exercises");
   * subjects: both act, each a claim of its own ("the EU and the US lifted sanctions on Belarus").
   */
  coordination: z.enum(['object', 'subjects']).default('object'),
  /** No claim without an object ("left the EU" is leaving; "left no party with a majority" is not). */
  requiresObject: z.boolean().default(false),
  /**
   * A state-scoped event that a text often tells without naming the state ("the referendum passed"): the story's
   * focal state is a fair guess, with a smaller confidence penalty than other discourse guesses.
   */
  focalSubject: z.boolean().default(false),
  /** Kinds the subject must be: when the found subject is not, and the object is, the two swap ("the EU granted Ukraine candidate status"). */
  subjectKinds: z.array(z.enum(['person', 'state', 'organisation', 'group', 'place'])).optional(),
  /** Kinds the object may be (an adjective like "Russian meddling" is no rival in an election). */
  objectKinds: z.array(z.enum(['person', 'state', 'organisation', 'group', 'place'])).optional(),
  /** Words after which, anywhere later in the clause, the object stands when it is not next to the cue ("won … against X"). */
  objectMarkers: z.array(z.string()).default([]),
  /** Units the value role accepts: "count", "percent", "money" (any ISO 4217 code), or a unit code; absent: any. */
  valueUnits: z.array(z.string()).optional(),
  /** The value must lie within this many words of the cue ("detained 40 people", not "…for taking bribes of 260 million lei"). */
  valueMaxWords: z.number().int().positive().optional(),
  /** What the literal object is, when the relation has one ("political prisoners"). */
  objectLiteral: z.string().optional(),
  roles: z.object({ subject: z.string(), object: z.string().optional(), value: z.string().optional() }),
  cues: z.array(CueSchema).min(1),
  /** Relations (same family) that cannot hold together for the same actors over the same period. */
  contrary: z.array(z.string()).default([]),
  /** A one-line template for summaries: {subject} {object}. */
  gloss: z.string(),
  examples: z.array(ExampleSchema).min(1),
  counterExamples: z.array(z.string()).default([]),
});

export const RelationsFileSchema = z.object({
  /** Days a stance claim is taken to hold either side of its time (stances without an end). */
  stanceWindowDays: z.number().int().positive(),
  /** Claims below this confidence support entries but take no side in a disagreement. */
  minDisagreementConfidence: z.number().min(0).max(1).default(0.5),
  /** Supports below this confidence (guessed subjects, page furniture) are listed but never make an entry corroborated. */
  minCorroborationConfidence: z.number().min(0).max(1).default(0.5),
  /** An event dated only by the publication date is taken to lie within this many days before it. */
  documentEventWindowDays: z.number().int().positive().default(31),
  /** Two explicit day dates of the same event closer than this are one event given different dates. */
  dateConflictWindowDays: z.number().int().positive(),
  /** Words that name a bloc rather than an actor in the gazetteer, used when no actor mention covers them. */
  literalActors: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['group', 'organisation', 'place']),
      patterns: z.array(z.string()).min(1),
      /** Adjective forms ("Western sanctions"): modifiers, agents of the noun they qualify. */
      adjectives: z.array(z.string()).default([]),
    }),
  ),
  relations: z.array(RelationSchema).min(1),
});

const CueListSchema = z.object({
  cues: z.array(z.string().min(1)).min(1),
  examples: z.array(z.string()).min(1),
  counterExamples: z.array(z.string()).default([]),
});

export const CuesFileSchema = z.object({
  /** Turn a claim negative when before its cue in the clause (within maxGapWords words). */
  negation: CueListSchema.extend({ maxGapWords: z.number().int().positive() }),
  /** Passive rejections after the cue ("… is rejected by X"). */
  negationAfter: z.array(z.string()).default([]),
  /** Phrases that look negative but are not (masked before negation is looked for). */
  notNegation: z.array(z.string()),
  hedge: CueListSchema,
  /** Reporting verbs: "X said", "X accused"; and "according to X" (source after the cue). */
  reporting: CueListSchema.extend({ sourceAfter: z.array(z.string()) }),
  prediction: CueListSchema,
  /** Subordinators that make what follows them in the clause irrealis ("asked whether", "if"): hedged. */
  irrealis: CueListSchema,
  /** Promo and subscribe lines left in the body: claims there get a low confidence. */
  furniture: CueListSchema,
  /** Regular expressions (sources) for a wire dateline at the start of a sentence: never a subject. */
  datelines: z.array(z.string()).default([]),
  /** Words next to a name that say a person's gender (titles before, gendered nouns in apposition). */
  gender: z.object({ female: z.array(z.string()), male: z.array(z.string()) }),
  /** Pronouns and definite descriptions resolved to the last compatible actor. */
  anaphora: z.array(
    z.object({
      pattern: z.string(),
      kinds: z.array(z.enum(['person', 'state', 'organisation', 'group', 'place'])),
      possessive: z.boolean().default(false),
      /** recent: the last compatible actor; salient: the state most mentioned just before (people count for their state). */
      resolve: z.enum(['recent', 'salient']).default('recent'),
      /** "the region": prefer a state that is part of another (a de facto state, an autonomy) when one is in reach. */
      preferRegion: z.boolean().default(false),
    }),
  ),
  /** Light verbs that carry a noun cue ("made a visit", "held talks"): the clause's subject is the noun's agent. */
  lightVerbs: z.array(z.string()).default([]),
  /** Words that open an introductory phrase ending at the first comma ("As a result of X, Belarus hosted…"): the subject is after it. */
  frontedOpeners: z.array(z.string()).default([]),
  /** "it" that refers to nothing: an anaphor starting one of these is not resolved. */
  expletives: z.array(z.string()).default([]),
  /** Regular expressions (sources) where a sentence splits into clauses: "; ", ", but ", ", while "… */
  clauseBreaks: z.array(z.string()),
});

export type Relation = z.infer<typeof RelationSchema>;
export type RelationsFile = z.infer<typeof RelationsFileSchema>;
export type CuesFile = z.infer<typeof CuesFileSchema>;

/**
 * What the extractor reads of a cue's relation, with every field present (undefined when the relation has none):
 * zod leaves absent optional fields out, so relations came in as many hidden classes as there are combinations of
 * them, and the code reading them could not stay optimised. One per relation, shared by its cues.
 */
export interface CueRelation {
  id: string;
  kind: Relation['kind'];
  subjectScope: Relation['subjectScope'];
  objectScope: Relation['objectScope'] | undefined;
  subjectPick: Relation['subjectPick'];
  objectIn: Relation['objectIn'];
  objectDefault: Relation['objectDefault'];
  objectFocal: boolean;
  coordination: Relation['coordination'];
  requiresObject: boolean;
  focalSubject: boolean;
  subjectKinds: Relation['subjectKinds'] | undefined;
  objectKinds: Relation['objectKinds'] | undefined;
  objectMarkers: string[];
  valueUnits: string[] | undefined;
  valueMaxWords: number | undefined;
  objectLiteral: string | undefined;
  roles: { object: string | undefined; value: string | undefined };
}

function cueRelation(r: Relation): CueRelation {
  return {
    id: r.id,
    kind: r.kind,
    subjectScope: r.subjectScope,
    objectScope: r.objectScope,
    subjectPick: r.subjectPick,
    objectIn: r.objectIn,
    objectDefault: r.objectDefault,
    objectFocal: r.objectFocal,
    coordination: r.coordination,
    requiresObject: r.requiresObject,
    focalSubject: r.focalSubject,
    subjectKinds: r.subjectKinds,
    objectKinds: r.objectKinds,
    objectMarkers: r.objectMarkers,
    valueUnits: r.valueUnits,
    valueMaxWords: r.valueMaxWords,
    objectLiteral: r.objectLiteral,
    roles: { object: r.roles.object, value: r.roles.value },
  };
}

export interface CompiledCue extends IndexedExpression {
  relation: CueRelation;
  agent: 'before' | 'after';
  nominal: boolean;
  source: string;
}

/**
 * Expressions (cue patterns, or alternations of them) by how they begin, read from their compiled regexes at load
 * (cuePrefixes): an expression can only match where the text has one of its prefixes at a word start, so a
 * document is walked once from its word starts and each expression tried only where one of its prefixes stands
 * (instead of every expression over every clause). See prefixHitsOf and spanMatches in extract.ts.
 */
export interface StartIndex {
  /** A trie of the expressions' prefixes, by PREFIX_LETTER of their (lower-case) characters. */
  trie: PrefixTrie;
  /** Expressions whose first word the index cannot tell (scanned in full). */
  always: number[];
  /** The indexed expressions, by number: their own objects, of one shape whatever list they come from. */
  expressions: IndexedExpression[];
}

/**
 * A trie in typed arrays, its nodes numbered breadth first from the root (0) with each node's children together in
 * letter order: some 45 kB for the lexicon's 6,000 nodes, where a trie of objects with a slot per letter took
 * megabytes, so that a document's walk (some three steps per word, most of them near the root) finds it in the
 * processor's cache after the rest of the stage has run.
 */
export interface PrefixTrie {
  /** The root's children by letter (-1: none): the one node stepped from at every word start. */
  rootNext: Int32Array;
  /** Per node: its first child's number, and how many children it has. */
  firstChild: Int32Array;
  childCount: Uint8Array;
  /** Per node: the letter (PREFIX_LETTER) its parent reaches it by. */
  letter: Int8Array;
  /** Per node: PREFIX_ENDS and PREFIX_WORD_ENDS when it has expressions, wordExpressions (read only then). */
  ends: Uint8Array;
  /** Per node: the expressions (numbers in the indexed list) one of whose prefixes ends here. */
  expressions: number[][];
  /** Per node: the expressions one of whose prefixes ends here as a whole word: only where no word character (\w) follows. */
  wordExpressions: number[][];
}

export const PREFIX_ENDS = 1;
export const PREFIX_WORD_ENDS = 2;

/** The child of a trie node by a letter, or -1 (a scan of its few children: most have one). */
export function prefixChild(trie: PrefixTrie, node: number, letter: number): number {
  if (node === 0) return trie.rootNext[letter]!;
  const first = trie.firstChild[node]!;
  const end = first + trie.childCount[node]!;
  for (let child = first; child < end; child++) if (trie.letter[child] === letter) return child;
  return -1;
}

/**
 * A prefix's space (written ' ' in CuePrefix.prefix): a pattern's `\s+` between two words, which the index takes
 * as the whole whitespace run of the text (what follows the run in a prefix is a letter, which \s+ cannot take).
 */
export const PREFIX_SPACE = 37;
/**
 * The characters of prefixes ([a-z0-9-], upper case folded as the case-insensitive expressions do: ASCII only)
 * numbered from 0 by character code, and PREFIX_SPACE for the ASCII whitespace of \s; -1 for any other code
 * below 128 (codes from 128 up: prefixLetterOf).
 */
export const PREFIX_LETTER: Int8Array = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < letters.length; i++) {
    table[letters.charCodeAt(i)] = i;
    table[letters.toUpperCase().charCodeAt(i)] = i;
  }
  for (const c of '\t\n\v\f\r ') table[c.charCodeAt(0)] = PREFIX_SPACE;
  return table;
})();
const PREFIX_LETTERS = 38;

/** PREFIX_LETTER of any character code: beyond ASCII only the whitespace of \s (without the u flag) has one. */
export function prefixLetterOf(code: number): number {
  if (code < 128) return PREFIX_LETTER[code]!;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
    ? PREFIX_SPACE
    : -1;
}

/** An indexed expression: global (for a full scan) and sticky (tried at one place). */
export interface IndexedExpression {
  re: RegExp;
  sticky: RegExp;
}

export interface Lexicon {
  file: RelationsFile;
  cues: CuesFile;
  relations: Map<string, Relation>;
  /** Per relation with objectMarkers: a marker word and the space after it. */
  objectMarkers: Map<string, RegExp>;
  compiled: CompiledCue[];
  /**
   * The start index of the cues (compiled), the anaphora and the literal actors, numbered on in that order: the
   * anaphora from compiled.length, the literal actors after them (one index: one walk of a document finds all).
   */
  startIndex: StartIndex;
  negation: RegExp;
  notNegation: RegExp | null;
  negationAfter: RegExp | null;
  hedge: RegExp;
  reporting: RegExp;
  reportingAfter: RegExp;
  prediction: RegExp;
  irrealis: RegExp;
  furniture: RegExp;
  datelines: RegExp[];
  female: RegExp;
  male: RegExp;
  anaphora: (IndexedExpression & { kinds: string[]; possessive: boolean; resolve: 'recent' | 'salient'; preferRegion: boolean })[];
  fronted: RegExp | null;
  lightVerb: RegExp | null;
  literalActors: (IndexedExpression & { id: string; kind: string; adjective: RegExp | null })[];
  clauseBreak: RegExp;
  expletive: RegExp | null;
  topics: string[];
}

/**
 * The cue phrase language, compiled to a case-insensitive RegExp source:
 *   words separated by spaces match words separated by whitespace;
 *   `word*` matches any ending (impos* → imposed, imposes);
 *   `(a|b)` alternation and `?` after a group are plain regex;
 *   `...` is a gap of zero to six words;
 *   `{self}` is a reflexive pronoun, `{poss}` a possessive determiner.
 * Phrases start and end on word boundaries.
 */
export function compileCue(pattern: string): string {
  const parts = pattern.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '...') {
      out.push('(?:\\S+\\s+){0,6}?');
      continue;
    }
    let src = p
      .replace(/\{self\}/g, '(?:himself|herself|itself|themselves)')
      .replace(/\{poss\}/g, "(?:his|her|its|their|the)")
      .replace(/\./g, '\\.')
      .replace(/'/g, "['’]")
      .replace(/([a-z)])\*/gi, '$1[\\w-]*');
    const last = i === parts.length - 1;
    // An optional word takes its following space with it: "(presidential)? election".
    if (!last && src.endsWith(')?')) out.push(`(?:${src.slice(0, -1)}\\s+)?`);
    else out.push(last ? src : `${src}\\s+`);
  }
  return `(?<![\\w-])(?:${out.join('')})(?![\\w])`;
}

/**
 * A literal start of a cue pattern: its lower-case letters (and spaces between words: see PREFIX_SPACE), and
 * whether they are a whole word (no word character follows).
 */
export interface CuePrefix {
  prefix: string;
  word: boolean;
}

/** Characters a prefix is made of (PREFIX_LETTER's), as a literal of the pattern. */
const PREFIX_CHARACTER = /^[A-Za-z0-9-]$/;
/** The word characters of the index's test for a whole word (\w without the u flag). */
const WORD_CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'];
/** Above this many starts, a regex is left to a full scan (no cue comes near it). */
const MAX_PREFIXES = 256;

/** The elements still to match after a point of the pattern: the rest of an alternative, then what follows its group (null: nothing known). */
interface Rest {
  elements: readonly AST.Element[];
  at: number;
  then: Rest | null;
}

/**
 * Literal starts, one of which every match of an indexed regex (compileCue's, case-insensitive, without the u
 * flag, whose (?<![\w-]) puts every match at a word start) begins with; null when its start is not plain enough
 * to tell (the expression is then always tried). Walks the regex's syntax tree (core/regex-syntax.ts) along every
 * way a match can begin: the letters, digits and hyphens met first, and the `\s+` between words, through groups,
 * alternatives and optional parts (which add the starts of what follows them), up to anything else; a whole word
 * when what ends the prefix takes no word character (a space, `['’]`, or compileCue's closing (?![\w])).
 * A prefix runs on over the space after its first word into the second (a cue starting "to be" or "the country"
 * is tried only where the text has both words, not at every "to" or "the"), unless that makes more than
 * MAX_PREFIXES of them: then prefixes end with the first word. (A third word would add little: two rarely stand
 * together by chance, and each word more multiplies the prefixes to read at load.)
 */
export function cuePrefixes(re: RegExp): CuePrefix[] | null {
  // The index folds ASCII case only; the u flag would fold ſ and the Kelvin sign onto s and k too.
  if (/[uv]/.test(re.flags)) return null;
  const pattern = parsePattern(re.source, re.flags);
  if (!pattern) return null;
  return startsOf(pattern, re.flags, 1) ?? startsOf(pattern, re.flags, 0);
}

/** Starts found so far, and those of them that need not end a word (any start they begin is theirs already). */
interface Found {
  starts: CuePrefix[];
  anyEnd: Set<string>;
}

/** cuePrefixes crossing at most `spaces` spaces between words; null when a start cannot be told. */
function startsOf(pattern: AST.Pattern, flags: string, spaces: number): CuePrefix[] | null {
  const found: Found = { starts: [], anyEnd: new Set() };
  for (const a of pattern.alternatives) {
    if (!collectStarts({ elements: a.elements, at: 0, then: null }, '', flags, spaces, found)) return null;
  }
  // Each start once; a prefix that need not end a word covers the same prefix as a whole word, and any start that
  // runs on from it (the walk passes the shorter first).
  const starts = new Map<string, CuePrefix>();
  for (const s of found.starts) if (!covered(found.anyEnd, s)) starts.set(`${s.word}/${s.prefix}`, s);
  return [...starts.values()];
}

function covered(anyEnd: ReadonlySet<string>, s: CuePrefix): boolean {
  if (s.word && anyEnd.has(s.prefix)) return true;
  for (let k = 1; k < s.prefix.length; k++) if (anyEnd.has(s.prefix.slice(0, k))) return true;
  return false;
}

/** Add to `found` the starts of the matches of `rest` that follow the literal `prefix`; false when one cannot be told. */
function collectStarts(rest: Rest | null, prefix: string, flags: string, spaces: number, found: Found): boolean {
  while (rest !== null && rest.at >= rest.elements.length) rest = rest.then;
  // The pattern ends (any text may follow), or what follows is not known.
  if (rest === null) return addStart(found, prefix, false);
  const next: Rest = { elements: rest.elements, at: rest.at + 1, then: rest.then };
  const { atom, min, max, quantified } = termOf(rest.elements[rest.at]!);
  // Whitespace after a word: the text's whole run of it (see PREFIX_SPACE), then the prefix goes on. (Not after
  // another space: the walk takes the whole run in one step.)
  if (spaces > 0 && prefix.charCodeAt(prefix.length - 1) !== 32 && min > 0 && atom.type === 'CharacterSet' && atom.kind === 'space' && !atom.negate) {
    return collectStarts(next, `${prefix} `, flags, spaces - 1, found);
  }
  if (quantified) {
    // One copy (after which more may come: the prefix ends there), or none when it may be skipped. What follows
    // a skipped one is not read when the copy ended the prefix as a start that need not end a word (the gap of
    // "held ... talks"): every start it leads to runs on from that one.
    if (max > 0 && !collectStarts({ elements: [atom], at: 0, then: max === 1 ? next : null }, prefix, flags, spaces, found)) return false;
    return min > 0 || found.anyEnd.has(prefix) || collectStarts(next, prefix, flags, spaces, found);
  }
  if (atom.type === 'Assertion') {
    if (prefix !== '' && forbidsWordCharacter(atom, flags)) return addStart(found, prefix, true);
    // It consumes nothing: what it forbids only narrows the matches.
    return collectStarts(next, prefix, flags, spaces, found);
  }
  const alternatives = groupAlternatives(atom);
  if (alternatives) return alternatives.every((a) => collectStarts({ elements: a.elements, at: 0, then: next }, prefix, flags, spaces, found));
  const literal = literalOf(atom);
  if (literal !== null && PREFIX_CHARACTER.test(literal)) return collectStarts(next, prefix + literal.toLowerCase(), flags, spaces, found);
  return addStart(found, prefix, isOneCharacter(atom) && !takesWordCharacter(atom, flags));
}

/**
 * The prefix ends here (a whole word or not): false when there is none, or too many. One ending in a space is
 * never a whole word: the index reads on to the end of the text's whitespace run, where the pattern's \s+ may
 * have stopped sooner.
 */
function addStart(found: Found, prefix: string, word: boolean): boolean {
  if (prefix === '' || found.starts.length >= MAX_PREFIXES) return false;
  const whole = word && !prefix.endsWith(' ');
  found.starts.push({ prefix, word: whole });
  if (!whole) found.anyEnd.add(prefix);
  return true;
}

/** takesWordCharacter and forbidsWordCharacter by flags and atom: the walks meet the same few atoms often. */
const takesWord = new Map<string, boolean>();
const forbidsWord = new Map<string, boolean>();

/** `test` of the one-character regex of an atom under flags, remembered in `known`. */
function oneCharacterTest(known: Map<string, boolean>, atom: OneCharacter, flags: string, test: (re: RegExp) => boolean): boolean {
  const key = `${flags}/${atom.raw}`;
  let result = known.get(key);
  if (result === undefined) {
    result = test(oneCharacterRegex(atom, flags));
    known.set(key, result);
  }
  return result;
}

/** Whether one character of the atom may be a word character. */
function takesWordCharacter(atom: OneCharacter, flags: string): boolean {
  return oneCharacterTest(takesWord, atom, flags, (re) => WORD_CHARACTERS.some((c) => re.test(c)));
}

/** A negative lookahead of one character that takes every word character (compileCue's closing (?![\w])): no word character follows. */
function forbidsWordCharacter(assertion: AST.Assertion, flags: string): boolean {
  if (assertion.kind !== 'lookahead' || !assertion.negate || assertion.alternatives.length !== 1) return false;
  const elements = assertion.alternatives[0]!.elements;
  const only = elements.length === 1 ? elements[0]! : null;
  if (only === null || only.type === 'Quantifier' || !isOneCharacter(only)) return false;
  return oneCharacterTest(forbidsWord, only, flags, (re) => WORD_CHARACTERS.every((c) => re.test(c)));
}

/** The start index of a list of indexed expressions, read from their sticky regexes (the ones tried at the starts). */
function buildStartIndex(compiled: readonly IndexedExpression[]): StartIndex {
  // Built as objects, then laid out in typed arrays (PrefixTrie).
  interface Node {
    next: (Node | undefined)[];
    expressions: number[];
    wordExpressions: number[];
  }
  const node = (): Node => ({ next: new Array<Node | undefined>(PREFIX_LETTERS), expressions: [], wordExpressions: [] });
  const root = node();
  const always: number[] = [];
  compiled.forEach(({ sticky }, expression) => {
    const prefixes = cuePrefixes(sticky);
    if (prefixes === null) {
      always.push(expression);
      return;
    }
    for (const { prefix, word } of prefixes) {
      let at = root;
      for (let k = 0; k < prefix.length; k++) {
        const letter = PREFIX_LETTER[prefix.charCodeAt(k)]!;
        at = at.next[letter] ??= node();
      }
      const list = word ? at.wordExpressions : at.expressions;
      if (!list.includes(expression)) list.push(expression);
    }
  });
  // Breadth first: each node's children get consecutive numbers, in letter order.
  const nodes: Node[] = [root];
  const letters: number[] = [-1];
  const firstChild: number[] = [];
  const childCount: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    firstChild.push(nodes.length);
    const next = nodes[i]!.next;
    for (let letter = 0; letter < PREFIX_LETTERS; letter++) {
      const child = next[letter];
      if (child === undefined) continue;
      nodes.push(child);
      letters.push(letter);
    }
    childCount.push(nodes.length - firstChild[i]!);
  }
  const trie: PrefixTrie = {
    rootNext: new Int32Array(PREFIX_LETTERS).fill(-1),
    firstChild: Int32Array.from(firstChild),
    childCount: Uint8Array.from(childCount),
    letter: Int8Array.from(letters),
    ends: Uint8Array.from(nodes, (n) => (n.expressions.length > 0 ? PREFIX_ENDS : 0) | (n.wordExpressions.length > 0 ? PREFIX_WORD_ENDS : 0)),
    expressions: nodes.map((n) => n.expressions),
    wordExpressions: nodes.map((n) => n.wordExpressions),
  };
  for (let child = firstChild[0]!; child < firstChild[0]! + childCount[0]!; child++) trie.rootNext[letters[child]!] = child;
  return { trie, always, expressions: compiled.map(({ re, sticky }) => ({ re, sticky })) };
}

/** regexOf, with its sticky twin for the start index. */
function indexedOf(file: string, patterns: readonly string[]): IndexedExpression {
  const re = regexOf(file, patterns);
  return { re, sticky: new RegExp(re.source, 'iy') };
}

function regexOf(file: string, patterns: readonly string[], flags = 'gi'): RegExp {
  try {
    return new RegExp(patterns.map((p) => compileCue(p)).join('|'), flags);
  } catch (err) {
    throw new DataFileError(file, `a cue does not compile: ${(err as Error).message}`);
  }
}

/** Checks what zod cannot: contrary relations exist and share the family; cues compile. */
export function compileLexicon(file: RelationsFile, cues: CuesFile, fileName = RELATIONS_FILE): Lexicon {
  const relations = new Map<string, Relation>();
  for (const r of file.relations) {
    if (relations.has(r.id)) throw new DataFileError(fileName, `relation ${r.id} is defined twice`);
    relations.set(r.id, r);
  }
  const compiled: CompiledCue[] = [];
  for (const r of file.relations) {
    for (const c of r.contrary) {
      const other = relations.get(c);
      if (!other) throw new DataFileError(fileName, `relation ${r.id}: contrary ${c} is not defined`);
      if (familyOf(c) !== familyOf(r.id)) throw new DataFileError(fileName, `relation ${r.id}: contrary ${c} is not in the same family`);
    }
    const relation = cueRelation(r);
    for (const cue of r.cues) {
      const c = typeof cue === 'string' ? { pattern: cue } : cue;
      let re: RegExp;
      let sticky: RegExp;
      try {
        re = new RegExp(compileCue(c.pattern), 'gi');
        sticky = new RegExp(re.source, 'iy');
      } catch (err) {
        throw new DataFileError(fileName, `relation ${r.id}: cue "${c.pattern}" does not compile: ${(err as Error).message}`);
      }
      compiled.push({ relation, re, sticky, agent: c.agent ?? 'before', nominal: c.nominal ?? false, source: c.pattern });
    }
  }
  const topics = [...new Set(file.relations.flatMap((r) => r.topics))].sort();

  const objectMarkers = new Map<string, RegExp>();
  for (const r of file.relations) {
    if (r.objectMarkers.length === 0) continue;
    try {
      objectMarkers.set(r.id, new RegExp(`\\b(?:${r.objectMarkers.join('|')})\\s+`, 'gi'));
    } catch (err) {
      throw new DataFileError(fileName, `relation ${r.id}: objectMarkers do not compile: ${(err as Error).message}`);
    }
  }
  const anaphora = cues.anaphora.map((a) => ({ ...indexedOf(CUES_FILE, [a.pattern]), kinds: a.kinds, possessive: a.possessive, resolve: a.resolve, preferRegion: a.preferRegion }));
  const literalActors = file.literalActors.map((l) => ({
    id: l.id,
    kind: l.kind,
    ...indexedOf(fileName, [...l.patterns, ...l.adjectives]),
    adjective: l.adjectives.length > 0 ? new RegExp(`^(?:${l.adjectives.map((a) => compileCue(a)).join('|')})$`, 'i') : null,
  }));
  return {
    file,
    cues,
    relations,
    objectMarkers,
    compiled,
    startIndex: buildStartIndex([...compiled, ...anaphora, ...literalActors]),
    negation: regexOf(CUES_FILE, cues.negation.cues),
    negationAfter: cues.negationAfter.length > 0 ? regexOf(CUES_FILE, cues.negationAfter) : null,
    notNegation: cues.notNegation.length > 0 ? regexOf(CUES_FILE, cues.notNegation) : null,
    hedge: regexOf(CUES_FILE, cues.hedge.cues),
    reporting: regexOf(CUES_FILE, cues.reporting.cues),
    reportingAfter: regexOf(CUES_FILE, cues.reporting.sourceAfter),
    prediction: regexOf(CUES_FILE, cues.prediction.cues),
    irrealis: regexOf(CUES_FILE, cues.irrealis.cues),
    furniture: regexOf(CUES_FILE, cues.furniture.cues),
    datelines: cues.datelines.map((d) => {
      try {
        return new RegExp(d);
      } catch (err) {
        throw new DataFileError(CUES_FILE, `a dateline pattern does not compile: ${(err as Error).message}`);
      }
    }),
    female: regexOf(CUES_FILE, cues.gender.female, 'g'),
    male: regexOf(CUES_FILE, cues.gender.male, 'g'),
    anaphora,
    lightVerb: cues.lightVerbs.length > 0 ? new RegExp(`(?:${cues.lightVerbs.map((v) => compileCue(v)).join('|')})\\s+(?:\\S+\\s+){0,3}$`, 'i') : null,
    fronted: cues.frontedOpeners.length > 0 ? new RegExp(`^\\s*(?:${cues.frontedOpeners.join('|')})\\b[^,]{0,120},\\s+`, 'i') : null,
    literalActors,
    clauseBreak: new RegExp(cues.clauseBreaks.join('|'), 'g'),
    expletive: cues.expletives.length > 0 ? regexOf(CUES_FILE, cues.expletives, 'iy') : null,
    topics,
  };
}

export function familyOf(relationId: string): string {
  return relationId.slice(0, relationId.indexOf('.'));
}

let cached: Lexicon | undefined;

/** The English lexicon, loaded and validated once. */
export function loadLexicon(): Lexicon {
  cached ??= compileLexicon(loadData(RELATIONS_FILE, RelationsFileSchema), loadData(CUES_FILE, CuesFileSchema));
  return cached;
}
