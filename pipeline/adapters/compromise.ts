/**
 * The one place compromise is touched. It is about 16× slower than wink, so
 * callers hand it single sentences that need it (unlisted capitalised spans),
 * never whole documents. Its offsets are relative to the string it is given;
 * this adapter returns plain spans so no compromise object leaves the file.
 */
import nlp from 'compromise';
import type { Span } from '../core/schema.ts';
import { BoundedMap } from '../core/bounded-map.ts';

export interface NameCandidates {
  people: Span[];
  organisations: Span[];
  places: Span[];
}

interface OffsetJson {
  offset?: { start: number; length: number };
}

function spans(view: { json: (o: object) => unknown }, base: number): Span[] {
  const out: Span[] = [];
  for (const m of view.json({ offset: true, terms: false }) as OffsetJson[]) {
    if (!m.offset) continue;
    out.push({ start: base + m.offset.start, end: base + m.offset.start + m.offset.length });
  }
  return out;
}

export type LexiconTag = 'first-name' | 'last-name' | 'organisation' | 'place' | 'org-word' | 'place-word' | 'common';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
}

let lexicon: Map<string, LexiconTag> | undefined;

/**
 * compromise's own word lists (first names, last names, organisations, places,
 * organisation head words; 'common' for its other single words), read once from its model: a dictionary lookup per
 * word, without running its tagger. Keys are lower-case.
 */
export function lexiconTag(word: string): LexiconTag | undefined {
  if (!lexicon) {
    lexicon = new Map();
    const model = (nlp as unknown as { model: () => CompromiseModel }).model();
    for (const [w, tag] of Object.entries(model.one.lexicon)) {
      const t = Array.isArray(tag) ? tag : [tag];
      if (t.includes('Organization') || t.includes('SportsTeam')) lexicon.set(w, 'organisation');
      else if (t.some((x) => x === 'FemaleName' || x === 'MaleName' || x === 'FirstName')) lexicon.set(w, 'first-name');
      else if (t.includes('LastName') || t.includes('Person')) lexicon.set(w, 'last-name');
      else if (t.some((x) => x === 'City' || x === 'Country' || x === 'Place' || x === 'Region')) lexicon.set(w, 'place');
      else if (!t.includes('ProperNoun') && !w.includes(' ')) lexicon.set(w, 'common');
    }
    const weak = (w: string): boolean => !lexicon!.has(w) || lexicon!.get(w) === 'common';
    for (const w of Object.keys(model.two.orgWords)) if (weak(w)) lexicon.set(w, 'org-word');
    for (const w of Object.keys(model.two.placeWords)) if (weak(w)) lexicon.set(w, 'place-word');
  }
  let tag = tagOfWord.get(word);
  if (tag === undefined) {
    tag = lexicon.get(word.toLowerCase()) ?? null;
    tagOfWord.set(word, tag);
  }
  return tag ?? undefined;
}

/**
 * lexiconTag by the word as written: the same words come back in every document, and
 * lower-casing each one costs more than the lookup. A function of the word alone, so
 * remembering it across documents changes nothing.
 */
const tagOfWord = new BoundedMap<string, LexiconTag | null>(50_000);

const stats = { calls: 0, chars: 0, ms: 0 };

/** How often compromise ran in this process, and on how many characters (for benchmarks). */
export function compromiseStats(): { calls: number; chars: number; ms: number } {
  return { ...stats };
}

interface CompromiseView {
  json: (o: object) => unknown;
  compute: (hooks: string[]) => void;
  people: () => { toView: () => CompromiseView };
  organizations: () => CompromiseView;
  places: () => CompromiseView;
}

interface CompromiseWorld {
  hooks: string[];
  methods: { one: { tokenize: { fromString: (text: string, world: CompromiseWorld) => unknown } } };
}

let tagger: { world: CompromiseWorld; View: new (document: unknown) => CompromiseView; hooks: string[] } | undefined;

/**
 * `nlp(text)` without its last step, the chunker: it only sets each term's chunk
 * (noun/verb phrase), which people(), organizations() and places() never read, and it
 * costs about a tenth of a call. The rest is what nlp() does (API/inputs.js: tokenize
 * the string into a View, then compute every hook in order).
 */
function parse(text: string): CompromiseView {
  if (!tagger) {
    const world = (nlp as unknown as { world: () => CompromiseWorld }).world();
    const View = (nlp('') as unknown as { constructor: new (document: unknown) => CompromiseView }).constructor;
    tagger = { world, View, hooks: world.hooks.filter((h) => h !== 'chunks') };
  }
  const doc = new tagger.View(tagger.world.methods.one.tokenize.fromString(text, tagger.world));
  doc.compute(tagger.hooks);
  return doc;
}

/**
 * compromise's people, organisations and places in `text`, as [start, end)
 * offsets shifted by `base` (the text's offset in the document).
 */
export function nameCandidates(text: string, base = 0): NameCandidates {
  const t0 = performance.now();
  const doc = parse(text);
  const out = {
    // as a plain view: People#json also parses every name into first/last name and guesses a gender, unused here
    people: spans(doc.people().toView(), base),
    organisations: spans(doc.organizations(), base),
    places: spans(doc.places(), base),
  };
  stats.calls++;
  stats.chars += text.length;
  stats.ms += performance.now() - t0;
  return out;
}

/**
 * compromise on several short windows of one document in a single call: the windows
 * are joined by blank lines (compromise's sentence break), parsed once, and the spans
 * it finds are mapped back to document offsets. Cost grows with the characters given,
 * so callers pass a few words around each doubtful name, not whole sentences.
 */
export function nameCandidatesIn(text: string, windows: readonly Span[]): NameCandidates {
  const out: NameCandidates = { people: [], organisations: [], places: [] };
  if (windows.length === 0) return out;
  const parts: string[] = [];
  const starts: number[] = [];
  let at = 0;
  for (const w of windows) {
    starts.push(at);
    const piece = text.slice(w.start, w.end).replace(/\n/g, ' ');
    parts.push(piece);
    at += piece.length + 2;
  }
  const found = nameCandidates(parts.join('\n\n'), 0);
  const back = (list: Span[]): Span[] => {
    const res: Span[] = [];
    for (const sp of list) {
      let k = starts.length - 1;
      while (k > 0 && starts[k]! > sp.start) k--;
      const w = windows[k]!;
      const start = w.start + (sp.start - starts[k]!);
      const end = Math.min(w.end, w.start + (sp.end - starts[k]!));
      if (end > start) res.push({ start, end });
    }
    return res;
  };
  out.people = back(found.people);
  out.organisations = back(found.organisations);
  out.places = back(found.places);
  return out;
}
