/**
 * The quantity lexicon (pipeline/lang/en/quantities/lexicon.yaml): its zod
 * schema, loading (once, memoised) and the lookup tables built from it.
 */
import { z } from 'zod';
import { loadData } from '../../../core/data.ts';

export const LEXICON_FILE = 'quantities/lexicon.yaml';

const NumberMap = z.record(z.string(), z.number());
const StringMap = z.record(z.string(), z.string());

const ExpectSchema = z.object({
  text: z.string(),
  value: z.number(),
  upper: z.number().optional(),
  unit: z.string(),
  qualifier: z.string().optional(),
  measure: z.string().optional(),
});

const ExampleSchema = z.object({ text: z.string(), expect: z.array(ExpectSchema).min(1) });
const CounterExampleSchema = z.object({ text: z.string(), none: z.array(z.string()).min(1) });

export const QualifierNameSchema = z.enum(['more_than', 'at_least', 'less_than', 'at_most', 'up_to', 'nearly', 'approx']);

export const LexiconSchema = z.object({
  numberWords: NumberMap,
  scales: NumberMap,
  vague: z.record(z.string(), z.object({ value: z.number(), upper: z.number() })),
  currencies: z.object({
    symbols: StringMap,
    codes: z.array(z.string().regex(/^[A-Z]{3}$/)),
    codeAliases: StringMap,
    names: StringMap,
    wordPrefixes: StringMap,
    /** Pseudo code → ISO code → cue words naming that country ("LEU" → "MDL" → ["moldova", …]). */
    ambiguous: z.record(z.string(), z.record(z.string().regex(/^[A-Z]{3}$/), z.array(z.string()).min(1))),
    pounds: z.object({
      words: StringMap,
      weightUnit: z.string(),
      moneyCues: z.array(z.string()),
      weightCues: z.array(z.string()),
    }),
  }),
  percent: StringMap,
  qualifiers: z.record(z.string(), QualifierNameSchema),
  units: StringMap,
  timeUnits: z.array(z.string()),
  identifierHeads: z.array(z.string()),
  ratioCues: z.array(z.string()),
  subjectVerbs: z.array(z.string()),
  objectVerbs: z.array(z.string()),
  measureNouns: z.array(z.string()),
  measureDropModifiers: z.array(z.string()),
  rankCues: z.array(z.string()),
  measureStops: z.array(z.string()),
  vagueDeterminers: z.array(z.string()),
  fractions: NumberMap,
  dateWords: z.array(z.string()),
  examples: z.record(z.string(), z.array(ExampleSchema)),
  counterExamples: z.record(z.string(), z.array(CounterExampleSchema)),
});

export type Lexicon = z.infer<typeof LexiconSchema>;
export type QualifierName = z.infer<typeof QualifierNameSchema>;
export type LexiconExample = z.infer<typeof ExampleSchema>;
export type LexiconCounterExample = z.infer<typeof CounterExampleSchema>;

/** A table of phrases (token sequences, lower-case) to values, matched longest first. */
export interface PhraseTable<T> {
  /** Entries grouped by first token; each list sorted longest first. */
  byFirst: Map<string, { words: string[]; value: T }[]>;
}

export function phraseTable<T>(entries: Record<string, T>): PhraseTable<T> {
  const byFirst = new Map<string, { words: string[]; value: T }[]>();
  for (const [key, value] of Object.entries(entries)) {
    const words = key.toLowerCase().split(/\s+/).filter(Boolean);
    const first = words[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ words, value });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

export interface Tables {
  lexicon: Lexicon;
  numberWords: Map<string, number>;
  scales: Map<string, number>;
  vague: Map<string, { value: number; upper: number }>;
  symbols: Map<string, string>;
  codes: Map<string, string>;
  wordPrefixes: Map<string, string>;
  currencyNames: PhraseTable<string>;
  /** Pseudo code → [ISO code, lower-case cue words][]. */
  ambiguous: Map<string, [string, string[]][]>;
  poundWords: Map<string, string>;
  poundWeightUnit: string;
  moneyCues: Set<string>;
  weightCues: Set<string>;
  ratioCues: Set<string>;
  subjectVerbs: Set<string>;
  objectVerbs: Set<string>;
  measureNouns: Set<string>;
  percent: PhraseTable<string>;
  qualifiers: PhraseTable<QualifierName>;
  units: PhraseTable<string>;
  timeUnits: Set<string>;
  identifierHeads: Set<string>;
  dropModifiers: Set<string>;
  rankCues: Set<string>;
  measureStops: Set<string>;
  vagueDeterminers: PhraseTable<true>;
  fractions: Map<string, number>;
  dateWords: Set<string>;
}

function lowerMap<T>(rec: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(rec).map(([k, v]) => [k.toLowerCase(), v]));
}

export function buildTables(lexicon: Lexicon): Tables {
  const codes = new Map<string, string>();
  for (const c of lexicon.currencies.codes) codes.set(c, lexicon.currencies.codeAliases[c] ?? c);
  return {
    lexicon,
    numberWords: lowerMap(lexicon.numberWords),
    scales: lowerMap(lexicon.scales),
    vague: lowerMap(lexicon.vague),
    symbols: lowerMap(lexicon.currencies.symbols),
    codes,
    wordPrefixes: lowerMap(lexicon.currencies.wordPrefixes),
    currencyNames: phraseTable(lexicon.currencies.names),
    ambiguous: new Map(
      Object.entries(lexicon.currencies.ambiguous).map(([pseudo, c]) => [pseudo, Object.entries(c).map(([iso, cues]) => [iso, cues.map((w) => w.toLowerCase())] as [string, string[]])]),
    ),
    poundWords: lowerMap(lexicon.currencies.pounds.words),
    poundWeightUnit: lexicon.currencies.pounds.weightUnit,
    moneyCues: new Set(lexicon.currencies.pounds.moneyCues.map((w) => w.toLowerCase())),
    weightCues: new Set(lexicon.currencies.pounds.weightCues.map((w) => w.toLowerCase())),
    ratioCues: new Set(lexicon.ratioCues.map((w) => w.toLowerCase())),
    subjectVerbs: new Set(lexicon.subjectVerbs.map((w) => w.toLowerCase())),
    objectVerbs: new Set(lexicon.objectVerbs.map((w) => w.toLowerCase())),
    measureNouns: new Set(lexicon.measureNouns.map((w) => w.toLowerCase())),
    percent: phraseTable(lexicon.percent),
    qualifiers: phraseTable(lexicon.qualifiers),
    units: phraseTable(lexicon.units),
    timeUnits: new Set(lexicon.timeUnits.map((w) => w.toLowerCase())),
    identifierHeads: new Set(lexicon.identifierHeads.map((w) => w.toLowerCase())),
    dropModifiers: new Set(lexicon.measureDropModifiers.map((w) => w.toLowerCase())),
    rankCues: new Set(lexicon.rankCues.map((w) => w.toLowerCase())),
    measureStops: new Set(lexicon.measureStops.map((w) => w.toLowerCase())),
    vagueDeterminers: phraseTable(Object.fromEntries(lexicon.vagueDeterminers.map((w) => [w, true as const]))),
    fractions: lowerMap(lexicon.fractions),
    dateWords: new Set(lexicon.dateWords.map((w) => w.toLowerCase())),
  };
}

let cached: Tables | undefined;

/** The English tables, loaded and validated once (a bad file throws DataFileError). */
export function tables(): Tables {
  cached ??= buildTables(loadData(LEXICON_FILE, LexiconSchema));
  return cached;
}

/**
 * A cue word as a whole word, compiled once per cue (resolveCurrency runs per document). Global,
 * for String.match, which starts a global regex from lastIndex 0 every time: sharing it is safe.
 */
const cueRegexes = new Map<string, RegExp>();
function cueRegex(cue: string): RegExp {
  let re = cueRegexes.get(cue);
  if (!re) {
    const esc = cue.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
    re = new RegExp('(?<![\\p{L}\\p{N}])' + esc + '(?![\\p{L}\\p{N}])', 'gu');
    cueRegexes.set(cue, re);
  }
  return re;
}

/**
 * The ISO code for an ambiguous currency name's pseudo code ("LEU", "DINAR", "PESO"), from the
 * country the document names most often among the candidates' cue words; the pseudo code itself
 * when no candidate strictly leads. Any other unit is returned unchanged.
 */
export function resolveCurrency(unit: string, text: string, t: Tables, memo: Map<string, string> = new Map()): string {
  const cands = t.ambiguous.get(unit);
  if (!cands) return unit;
  const hit = memo.get(unit);
  if (hit !== undefined) return hit;
  const lowerText = text.toLowerCase();
  let best = unit;
  let bestN = 0;
  let tie = false;
  for (const [iso, cues] of cands) {
    let n = 0;
    for (const cue of cues) n += lowerText.match(cueRegex(cue))?.length ?? 0;
    if (n > bestN) {
      best = iso;
      bestN = n;
      tie = false;
    } else if (n === bestN && n > 0) tie = true;
  }
  const out = bestN > 0 && !tie ? best : unit;
  memo.set(unit, out);
  return out;
}
