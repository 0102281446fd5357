/**
 * Where a rule's match can start, so that pass 1 tries each pattern only there
 * instead of scanning the whole text with every one of its ~90 patterns.
 *
 * At data-compile time each compiled pattern is read (its syntax tree, from
 * core/regex-syntax.ts) for how any of its matches must begin, its leads:
 * "%month% %day%" begins "jan…", "feb…", …; "(?:the )?%year%" begins "the",
 * spaces, then "1" or "20", or "1"/"20" at once. Per document, one pass
 * indexes the positions where a match may start at all (no letter or digit
 * before: every pattern opens with that lookbehind) by their first two
 * characters. A rule then runs its pattern (sticky) only at the indexed
 * positions where one of its leads fits. Every position where a match can
 * start is tried, in order, so the matches are exactly those of a global scan.
 *
 * Characters are compared by a key: ASCII folded to lower case, the
 * non-ASCII characters that case-insensitive Unicode matching folds onto ASCII
 * (ſ, K) onto their ASCII letter, every other non-ASCII unit onto one OTHER
 * key. Keys only ever widen what a lead lets through, never narrow it.
 * A pattern with a construct the analysis does not know (a back-reference),
 * or whose match may begin with an unindexable character (any letter, any
 * character), gets no leads and is run over the whole text as before.
 */
import { groupAlternatives, isOneCharacter, oneCharacterRegex, parsePattern, reach, termOf, type AST, type OneCharacter, type Term } from '../../../core/regex-syntax.ts';

/** Key of every non-ASCII code unit that does not fold onto ASCII. */
const OTHER = 128;
const KEYS = 129;

/** How many leading elements (characters or runs of spaces) a lead pins down. */
const LEAD_LENGTH = 6;
/** A character set with more ASCII members than this ("any letter") ends a lead. */
const MAX_SET = 40;
/** Above this many alternative leads in the analysis, give up on the pattern (it is run in full). */
const MAX_LEADS = 4000;

const KEY_OF = new Uint8Array(65536);
/** The non-ASCII characters that /iu matching folds onto ASCII (asked of the engine, once). */
const FOLDS_ONTO_ASCII: number[] = [];
for (let u = 0; u < 65536; u++) KEY_OF[u] = u >= 128 ? OTHER : u >= 65 && u <= 90 ? u + 32 : u;
for (let u = 128; u < 65536; u++) {
  const ch = String.fromCharCode(u);
  if (!/[\0-\x7f]/iu.test(ch)) continue;
  FOLDS_ONTO_ASCII.push(u);
  for (let a = 0; a < 128; a++) {
    if (new RegExp(`^\\u{${a.toString(16)}}$`, 'iu').test(ch)) {
      KEY_OF[u] = KEY_OF[a]!;
      break;
    }
  }
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 1 a letter or digit, 2 not, 0 not asked yet (a pure function of the unit). */
const LETTER_OR_DIGIT_BMP = new Uint8Array(65536);

function isLetterOrDigit(cp: number): boolean {
  if (cp >= 65536) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  let v = LETTER_OR_DIGIT_BMP[cp]!;
  if (v === 0) {
    v = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
    LETTER_OR_DIGIT_BMP[cp] = v;
  }
  return v === 1;
}

// ---------------------------------------------------------------------------
// What one character of the pattern can be.

/** What one character of a class can be, as keys. */
interface CharSet {
  id: string;
  keys: number[];
  /** Every character it matches is one code unit (no astral ones): the next one is at the next unit. */
  bmp: boolean;
  /** For a class of spaces: every BMP unit it matches (so that a run of them can be followed). */
  spaces?: Uint8Array;
  /** One character of the class, as a regex. */
  re: RegExp;
}

class Unsupported extends Error {}

const WHITE_SPACE = /^\s$/u;

/** A class of white space only ("[\s\u00a0]", "\s", " "): a run of it is read whole. */
function isSpaceClass(atom: OneCharacter): boolean {
  const members = atom.type !== 'CharacterClass' ? [atom] : atom.negate ? [] : atom.elements;
  return (
    members.length > 0 &&
    members.every((m) => (m.type === 'CharacterSet' && m.kind === 'space' && !m.negate) || (m.type === 'Character' && WHITE_SPACE.test(String.fromCodePoint(m.value))))
  );
}

const spaceTables = new Map<string, Uint8Array>();

const charSets = new Map<string, CharSet | null>();

/** The set one character of the atom matches under these flags; null when too large (the dot, any letter). */
function charSet(atom: OneCharacter, flags: string): CharSet | null {
  if (atom.type === 'CharacterSet' && atom.kind === 'any') return null;
  // A literal or an escape stands for the class of it alone: "\s" and "[\s]" are one set.
  const cls = atom.type === 'CharacterClass' ? atom.raw : `[${atom.raw}]`;
  const id = `${cls}/${flags}`;
  let set = charSets.get(id);
  if (set === undefined) {
    set = readCharSet(atom, cls, flags);
    charSets.set(id, set);
  }
  return set;
}

function readCharSet(atom: OneCharacter, cls: string, flags: string): CharSet | null {
  const re = oneCharacterRegex(atom, flags);
  const width = reach(atom);
  const keys = new Set<number>();
  for (let a = 0; a < 128; a++) if (re.test(String.fromCharCode(a))) keys.add(KEY_OF[a]!);
  for (const u of FOLDS_ONTO_ASCII) if (re.test(String.fromCharCode(u))) keys.add(KEY_OF[u]!);
  if (keys.size > MAX_SET) return null;
  if (!width.ascii) keys.add(OTHER);
  const sorted = [...keys].sort((a, b) => a - b);
  // Sets with the same ASCII keys match the same ASCII; a non-ASCII member keeps its class apart.
  const id = `${width.bmp ? '' : 'A'}${sorted.join(',')}${width.ascii ? '' : `~${cls}/${re.flags}`}`;
  const set: CharSet = { id, keys: sorted, bmp: width.bmp, re };
  if (isSpaceClass(atom)) {
    const tableId = `${cls}/${re.flags}`;
    let table = spaceTables.get(tableId);
    if (!table) {
      table = new Uint8Array(65536);
      for (let u = 0; u < 65536; u++) if (re.test(String.fromCharCode(u))) table[u] = 1;
      spaceTables.set(tableId, table);
    }
    set.spaces = table;
    set.id = `s${tableId}`;
  }
  return set;
}

// ---------------------------------------------------------------------------
// Leads: how a match's text must begin.

/** One character of a set, or (run) one or more characters of a class of spaces, as many as there are. */
interface Element {
  set: CharSet;
  run: boolean;
  /** One character standing for the element (same set and kind, same id): a lead's id is its elements' ids. */
  id: string;
}

const elementIds = new Map<string, string>();

function element(set: CharSet, run: boolean): Element {
  const long = (run ? 'R' : '') + set.id;
  let id = elementIds.get(long);
  if (id === undefined) {
    id = String.fromCharCode(0x4e00 + elementIds.size);
    elementIds.set(long, id);
  }
  return { set, run, id };
}

/** The beginning of some of a part's matches; open: the part may end there and the next part goes on. */
interface Lead {
  elements: Element[];
  open: boolean;
  /** The elements' ids. */
  ids: string;
}

function unique(leads: Lead[]): Lead[] {
  const seen = new Map<string, Lead>();
  for (const l of leads) seen.set(l.open ? `+${l.ids}` : l.ids, l);
  if (seen.size > MAX_LEADS) throw new Unsupported('too many leads');
  return [...seen.values()];
}

function concat(a: Lead[], b: Lead[], n: number): Lead[] {
  const out: Lead[] = [];
  for (const x of a) {
    if (!x.open) {
      out.push(x);
      continue;
    }
    for (const y of b) {
      const last = x.elements[x.elements.length - 1];
      const first = y.elements[0];
      let elements: Element[];
      let ids: string;
      let open = y.open;
      if (last?.run && first?.run) {
        // Spaces then spaces: the text's run is read whole, so one run stands for both (same class),
        // or the lead stops (another class).
        if (last.id === first.id) {
          elements = x.elements.concat(y.elements.slice(1));
          ids = x.ids + y.ids.slice(1);
        } else {
          elements = x.elements;
          ids = x.ids;
          open = false;
        }
      } else {
        elements = x.elements.concat(y.elements);
        ids = x.ids + y.ids;
      }
      if (elements.length >= n) out.push({ elements: elements.slice(0, n), open: false, ids: ids.slice(0, n) });
      else out.push({ elements, open, ids });
    }
  }
  return unique(out);
}

const NOTHING: Lead[] = [{ elements: [], open: true, ids: '' }];

/** Leads of groups by flags and text: the same macro expansions recur in many patterns, each is read once. Always for LEAD_LENGTH. */
const groupLeads = new Map<string, Lead[]>();

function leadsOfAlternatives(alternatives: readonly AST.Alternative[], flags: string, n: number): Lead[] {
  if (alternatives.length === 1) return leadsOfSequence(alternatives[0]!.elements, flags, n);
  return unique(alternatives.flatMap((a) => leadsOfSequence(a.elements, flags, n)));
}

function leadsOfSequence(elements: readonly AST.Element[], flags: string, n: number): Lead[] {
  let acc = NOTHING;
  for (const e of elements) {
    if (!acc.some((l) => l.open)) break;
    acc = concat(acc, leadsOfTerm(termOf(e), flags, n), n);
  }
  return acc;
}

function leadsOfTerm(term: Term, flags: string, n: number): Lead[] {
  const { atom, min, max } = term;
  if (!term.quantified) return leadsOfAtom(atom, flags, n);
  // Spaces, any number of them ("[\s\u00a0]+"): one run element.
  const set = isOneCharacter(atom) ? charSet(atom, flags) : null;
  if (set?.spaces && min <= 1 && max === Infinity) {
    const e = element(set, true);
    const run: Lead = { elements: [e], open: n > 1, ids: e.id };
    return min === 0 ? [...NOTHING, run] : [run];
  }
  // Past n copies nothing new can begin: each copy that adds an element adds at least one.
  const item = leadsOfAtom(atom, flags, n);
  let cur = NOTHING;
  for (let k = 0; k < Math.min(min, n + 1); k++) cur = concat(cur, item, n);
  let all = cur;
  for (let k = min; k < Math.min(max, min + n + 1); k++) {
    cur = concat(cur, item, n);
    all = unique(all.concat(cur));
  }
  return all;
}

function leadsOfAtom(atom: Term['atom'], flags: string, n: number): Lead[] {
  // Assertions and lookarounds consume nothing (what they forbid only narrows the matches).
  if (atom.type === 'Assertion') return NOTHING;
  const alternatives = groupAlternatives(atom);
  if (alternatives) {
    const inner = atom.raw.slice(alternatives[0]!.start - atom.start, alternatives[alternatives.length - 1]!.end - atom.start);
    const key = `${flags}/${inner}`;
    let leads = groupLeads.get(key);
    if (!leads) {
      leads = leadsOfAlternatives(alternatives, flags, n);
      groupLeads.set(key, leads);
    }
    return leads;
  }
  // Back-references, the v flag's classes of strings.
  if (!isOneCharacter(atom)) throw new Unsupported(`${atom.type} ${atom.raw}`);
  const set = charSet(atom, flags);
  if (set === null) return [{ elements: [], open: false, ids: '' }];
  // After a character that may be astral (two code units), the next one is not at a known unit.
  const e = element(set, false);
  return [{ elements: [e], open: n > 1 && set.bmp, ids: e.id }];
}

/** The leads of a pattern, or null when a match may begin with any character (or its syntax is not understood). */
function leadsOfPattern(source: string, flags: string): Lead[] | null {
  if (!flags.includes('u')) return null; // the index skips the middle of surrogate pairs, as /u scanning does
  const pattern = parsePattern(source, flags);
  if (!pattern) return null;
  let leads: Lead[];
  try {
    leads = leadsOfAlternatives(pattern.alternatives, flags, LEAD_LENGTH);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  return leads.some((l) => l.elements.length === 0) ? null : leads;
}

// ---------------------------------------------------------------------------
// All rules' leads as one tree, walked once per position.

interface TrieNode {
  /** Rules that fit once the text has come this far. */
  accepts: number[];
  edges: TrieEdge[];
}

interface TrieEdge {
  id: string;
  set: CharSet;
  run: boolean;
  to: TrieNode;
}

/**
 * The tree laid out in typed arrays: it is walked at every word start of every
 * document, between other stages' work, so it is kept small and contiguous.
 * Node 0 is the root. A node with many edges lists them by the class of the
 * next character's key, so that a step follows only the edges that take it.
 */
interface FlatTrie {
  /** Per node: its accepted rules (accepts[acceptFrom[i] … acceptFrom[i + 1]]) and edges (edgeFrom likewise). */
  acceptFrom: Int32Array;
  accepts: Int32Array;
  edgeFrom: Int32Array;
  /** Per edge: where its key set starts in `bits` (SET_WORDS words), its run table (-1: one character), its target node. */
  edgeBits: Int32Array;
  edgeRun: Int32Array;
  edgeNode: Int32Array;
  bits: Uint32Array;
  runs: Uint8Array[];
  /** Per key, its class: keys that every edge's set takes or leaves alike. */
  keyClass: Uint8Array;
  /**
   * Per node with DISPATCH_FANOUT edges or more, where its row starts in classFrom (-1: fewer, each
   * tested by its bits): the edges taking a key of class c are classEdges[classFrom[row + c] … classFrom[row + c + 1]].
   */
  dispatch: Int32Array;
  classFrom: Int32Array;
  classEdges: Int32Array;
}

const SET_WORDS = Math.ceil(KEYS / 32);
/** Nodes with this many edges or more list them by class; fewer are tested one by one (as fast, and half the table). */
const DISPATCH_FANOUT = 3;

/** The leads of a list of patterns, compiled once: rules without leads scan the whole text. */
export interface LeadTable {
  trie: FlatTrie;
  ruleCount: number;
  unindexed: Set<number>;
}

/**
 * The lead table of a list of patterns (sources of regexes with these flags).
 * The caller guarantees that a match of each pattern starts only where no
 * letter or digit comes before (startsByRule tries no other position).
 */
export function leadTable(patterns: readonly { source: string; flags: string }[]): LeadTable {
  const root: TrieNode = { accepts: [], edges: [] };
  const unindexed = new Set<number>();
  const edgeById = new Map<TrieNode, Map<string, TrieEdge>>();
  patterns.forEach((p, rule) => {
    const leads = leadsOfPattern(p.source, p.flags);
    if (!leads) {
      unindexed.add(rule);
      return;
    }
    for (const l of leads) {
      let node = root;
      for (const e of l.elements) {
        let byId = edgeById.get(node);
        if (!byId) edgeById.set(node, (byId = new Map()));
        let edge = byId.get(e.id);
        if (!edge) {
          edge = { id: e.id, set: e.set, run: e.run, to: { accepts: [], edges: [] } };
          node.edges.push(edge);
          byId.set(e.id, edge);
        }
        node = edge.to;
      }
      if (!node.accepts.includes(rule)) node.accepts.push(rule);
    }
  });
  settle(root, null);
  return { trie: flatten(root), ruleCount: patterns.length, unindexed };
}

const takesSpaceMemo = new WeakMap<Uint8Array, WeakMap<CharSet, boolean>>();

const spaceUnitLists = new WeakMap<Uint8Array, number[]>();

function spaceUnits(spaces: Uint8Array): number[] {
  let units = spaceUnitLists.get(spaces);
  if (!units) {
    units = [];
    for (let u = 0; u < spaces.length; u++) if (spaces[u] === 1) units.push(u);
    spaceUnitLists.set(spaces, units);
  }
  return units;
}

/** May one character of this set be one of these spaces? */
function takesSpace(set: CharSet, spaces: Uint8Array): boolean {
  let memo = takesSpaceMemo.get(spaces);
  if (!memo) takesSpaceMemo.set(spaces, (memo = new WeakMap()));
  let takes = memo.get(set);
  if (takes === undefined) {
    takes = spaceUnits(spaces).some((u) => set.re.test(String.fromCharCode(u)));
    memo.set(set, takes);
  }
  return takes;
}

function rulesUnder(node: TrieNode, into: Set<number>): Set<number> {
  for (const r of node.accepts) into.add(r);
  for (const e of node.edges) rulesUnder(e.to, into);
  return into;
}

/**
 * After a run of spaces the text is read past the whole run; a next element that
 * may itself take a space could begin inside it, so the rules beyond such an
 * element fit already at the run's end (their pattern decides).
 */
function settle(node: TrieNode, incoming: TrieEdge | null): void {
  if (incoming?.run) {
    const blind = node.edges.filter((f) => f.run || takesSpace(f.set, incoming.set.spaces!));
    if (blind.length > 0) {
      const rules = new Set(node.accepts);
      for (const f of blind) rulesUnder(f.to, rules);
      node.accepts = [...rules];
      node.edges = node.edges.filter((f) => !blind.includes(f));
    }
  }
  for (const e of node.edges) settle(e.to, e);
}

function flatten(root: TrieNode): FlatTrie {
  const nodes: TrieNode[] = [];
  const numbering = new Map<TrieNode, number>();
  const number = (node: TrieNode): void => {
    numbering.set(node, nodes.length);
    nodes.push(node);
    for (const e of node.edges) number(e.to);
  };
  number(root);
  const acceptFrom = new Int32Array(nodes.length + 1);
  const edgeFrom = new Int32Array(nodes.length + 1);
  const accepts: number[] = [];
  const edges: TrieEdge[] = [];
  nodes.forEach((node, i) => {
    acceptFrom[i] = accepts.length;
    edgeFrom[i] = edges.length;
    accepts.push(...node.accepts);
    edges.push(...node.edges);
  });
  acceptFrom[nodes.length] = accepts.length;
  edgeFrom[nodes.length] = edges.length;
  const setIndex = new Map<string, number>();
  const bits: number[] = [];
  const runs: Uint8Array[] = [];
  const edgeBits = new Int32Array(edges.length);
  const edgeRun = new Int32Array(edges.length);
  const edgeNode = new Int32Array(edges.length);
  edges.forEach((e, j) => {
    let at = setIndex.get(e.set.id);
    if (at === undefined) {
      at = bits.length;
      const words = new Array<number>(SET_WORDS).fill(0);
      for (const k of e.set.keys) words[k >>> 5] = words[k >>> 5]! | (1 << (k & 31));
      bits.push(...words);
      setIndex.set(e.set.id, at);
    }
    edgeBits[j] = at;
    edgeRun[j] = -1;
    if (e.run) {
      const table = e.set.spaces!;
      let r = runs.indexOf(table);
      if (r < 0) r = runs.push(table) - 1;
      edgeRun[j] = r;
    }
    edgeNode[j] = numbering.get(e.to)!;
  });
  const { keyClass, classCount } = keyClasses(edges);
  const dispatch = new Int32Array(nodes.length).fill(-1);
  const classFrom: number[] = [];
  const classEdges: number[] = [];
  nodes.forEach((_node, i) => {
    if (edgeFrom[i + 1]! - edgeFrom[i]! < DISPATCH_FANOUT) return;
    const lists: number[][] = Array.from({ length: classCount }, () => []);
    for (let j = edgeFrom[i]!; j < edgeFrom[i + 1]!; j++) {
      for (const k of edges[j]!.set.keys) {
        const list = lists[keyClass[k]!]!;
        if (!list.includes(j)) list.push(j);
      }
    }
    dispatch[i] = classFrom.length;
    for (const list of lists) {
      classFrom.push(classEdges.length);
      classEdges.push(...list);
    }
    classFrom.push(classEdges.length);
  });
  return {
    acceptFrom,
    accepts: Int32Array.from(accepts),
    edgeFrom,
    edgeBits,
    edgeRun,
    edgeNode,
    bits: Uint32Array.from(bits),
    runs,
    keyClass,
    dispatch,
    classFrom: Int32Array.from(classFrom),
    classEdges: Int32Array.from(classEdges),
  };
}

/** The classes of keys no edge's set tells apart (a set takes all of a class or none of it); at most KEYS of them. */
function keyClasses(edges: readonly TrieEdge[]): { keyClass: Uint8Array; classCount: number } {
  const sets = [...new Map(edges.map((e) => [e.set.id, e.set])).values()];
  const members = sets.map((set) => new Set(set.keys));
  const classOf = new Map<string, number>();
  const keyClass = new Uint8Array(KEYS);
  for (let k = 0; k < KEYS; k++) {
    const signature = members.map((m) => (m.has(k) ? '1' : '0')).join('');
    let c = classOf.get(signature);
    if (c === undefined) classOf.set(signature, (c = classOf.size));
    keyClass[k] = c;
  }
  return { keyClass, classCount: classOf.size };
}

/**
 * Per rule of the table, the positions (in order) where its pattern may match:
 * those with no letter or digit before them (the patterns' word-edge lookbehind)
 * where one of its leads fits. Unindexed rules get none: the caller scans for them.
 */
export function startsByRule(table: LeadTable, text: string): number[][] {
  const out: number[][] = Array.from({ length: table.ruleCount }, () => []);
  const trie = table.trie;
  const n = text.length;
  let prevLetterOrDigit = false;
  for (let s = 0; s < n; s++) {
    const u = text.charCodeAt(s);
    const lowAfterHigh = u >= 0xdc00 && u <= 0xdfff && s > 0 && (text.charCodeAt(s - 1) & 0xfc00) === 0xd800;
    if (!prevLetterOrDigit && !lowAfterHigh) follow(trie, text, 0, s, s, out);
    // Whether the character ending at s is a letter or digit (a surrogate pair read whole).
    if (u < 128) prevLetterOrDigit = (u >= 48 && u <= 57) || ((u | 32) >= 97 && (u | 32) <= 122);
    else if ((u & 0xfc00) === 0xd800) prevLetterOrDigit = false;
    else if (lowAfterHigh) prevLetterOrDigit = isLetterOrDigit(text.codePointAt(s - 1)!);
    else prevLetterOrDigit = isLetterOrDigit(u);
  }
  return out;
}

/** The end of a run of spaces going on from `at`. */
function pastRun(text: string, at: number, table: Uint8Array): number {
  while (at < text.length && table[text.charCodeAt(at)] === 1) at++;
  return at;
}

/** The text fits the lead up to `node` (began at s; the next character is at `at`): record its rules, go on. */
function descend(trie: FlatTrie, text: string, node: number, at: number, s: number, out: number[][]): void {
  for (let a = trie.acceptFrom[node]!; a < trie.acceptFrom[node + 1]!; a++) {
    const list = out[trie.accepts[a]!]!;
    // Two leads of one rule can fit at the same position.
    if (list.length === 0 || list[list.length - 1] !== s) list.push(s);
  }
  follow(trie, text, node, at, s, out);
}

/** Go on from `node` along each edge the character at `at` (and, for a run, the spaces after it) fits. */
function follow(trie: FlatTrie, text: string, node: number, at: number, s: number, out: number[][]): void {
  const from = trie.edgeFrom[node]!;
  const to = trie.edgeFrom[node + 1]!;
  if (from === to || at >= text.length) return;
  const u = text.charCodeAt(at);
  const key = KEY_OF[u]!;
  const row = trie.dispatch[node]!;
  if (row >= 0) {
    // The edges listed under the key's class take it: only a run needs its own check.
    const c = row + trie.keyClass[key]!;
    for (let i = trie.classFrom[c]!; i < trie.classFrom[c + 1]!; i++) {
      const e = trie.classEdges[i]!;
      const run = trie.edgeRun[e]!;
      if (run < 0) descend(trie, text, trie.edgeNode[e]!, at + 1, s, out);
      else if (trie.runs[run]![u] === 1) descend(trie, text, trie.edgeNode[e]!, pastRun(text, at + 1, trie.runs[run]!), s, out);
    }
    return;
  }
  const word = key >>> 5;
  const bit = 1 << (key & 31);
  for (let e = from; e < to; e++) {
    const run = trie.edgeRun[e]!;
    if (run < 0) {
      if ((trie.bits[trie.edgeBits[e]! + word]! & bit) !== 0) descend(trie, text, trie.edgeNode[e]!, at + 1, s, out);
    } else if (trie.runs[run]![u] === 1) descend(trie, text, trie.edgeNode[e]!, pastRun(text, at + 1, trie.runs[run]!), s, out);
  }
}
