/**
 * The date extractor's language data: normalisation tables (tables.yaml) and
 * pattern groups (patterns.yaml), validated at load, and the patterns compiled
 * into regular expressions once. Patterns use macros (%month%, %num:2%, %~unit%)
 * that expand to table-built alternations, HeidelTime-style:
 *   %name%    → (?<name>…)       a capturing group, normalised by the table/normaliser of that name
 *   %name:2%  → (?<name_2>…)     a second group of the same kind (JS forbids duplicate names)
 *   %~name%   → (?:…)            the same alternation, not captured
 */
import { z } from 'zod';
import { loadData } from '../../../core/data.ts';
import { leadTable, type LeadTable } from './starts.ts';

const StringMap = z.record(z.string(), z.string());

export const TablesSchema = z.object({
  months: StringMap,
  weekdays: StringMap,
  seasons: StringMap,
  partsOfDay: StringMap,
  numberWords: z.record(z.string(), z.number()),
  vagueNumbers: z.array(z.string()),
  ordinals: StringMap,
  units: StringMap,
  mods: StringMap,
  decadeWords: StringMap,
  relWords: StringMap,
  setAdverbs: StringMap,
  rangeCues: z.array(z.object({ before: z.string(), between: z.array(z.string()) })),
  tense: z.object({
    futureAux: z.array(z.string()),
    futureInPastAux: z.array(z.string()),
    futureCues: z.array(z.string()),
    pastAux: z.array(z.string()),
    deadlineCues: z.array(z.string()),
    clauseBreaks: z.array(z.string()),
  }),
});
export type Tables = z.infer<typeof TablesSchema>;

const TimexType = z.enum(['DATE', 'TIME', 'DURATION', 'SET']);

export const ExampleSchema = z.object({
  text: z.string(),
  /** The expected span, when it is not the whole text. */
  span: z.string().optional(),
  type: TimexType.optional(),
  value: z.string(),
  mod: z.string().optional(),
  /** Publication date the example is read against (default: the file's examplePublished). */
  published: z.string().nullable().optional(),
});
export type Example = z.infer<typeof ExampleSchema>;

export const CounterExampleSchema = z.union([
  z.string(),
  z.object({ text: z.string(), span: z.string(), published: z.string().nullable().optional() }),
]);
export type CounterExample = z.infer<typeof CounterExampleSchema>;

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    type: TimexType,
    pattern: z.string(),
    /** TIMEX3 value template: {group} is replaced by the group's normalised form. UNDEF-… values are anchored later. */
    value: z.string().optional(),
    mod: z.string().optional(),
    quant: z.string().optional(),
    freq: z.string().optional(),
    range: z.object({ start: z.string(), end: z.string() }).optional(),
    /** Match case-sensitively (for forms whose capital letter is what makes them dates). */
    caseSensitive: z.boolean().optional(),
    /** Reject the match when the token after it has one of these POS tags ("2000 soldiers"). */
    rejectNextPos: z.array(z.string()).optional(),
    /** Reject the match when its first token has one of these POS tags ("May" as a verb). */
    rejectFirstPos: z.array(z.string()).optional(),
    /** Reject the match when the text just before it matches this regex (e.g. "$" before a number). */
    rejectBefore: z.string().optional(),
    rejectAfter: z.string().optional(),
    /** Reject the match when wink reads its start as one of these entity types ("About 2000" is a CARDINAL). */
    rejectEntity: z.array(z.string()).optional(),
    /**
     * Reject a match written as part of a name or title: a capital letter on a word after its
     * first ("For the Future of …", "Party of the Present"), or on its first word where no
     * sentence, quotation or line starts ("… of Future Generations"). For the words that are
     * temporal only in lower case.
     */
    rejectTitleCase: z.boolean().optional(),
    /** Skip the POS rejections when the text just before matches ("in 2014 sales fell" is a year). */
    keepBefore: z.string().optional(),
    /** A year shift ("a year earlier") keeps the granularity of a quarter or half mentioned just before. */
    inherit: z.boolean().optional(),
    examples: z.array(ExampleSchema).default([]),
    counterExamples: z.array(CounterExampleSchema).default([]),
  })
  .refine((r) => r.value !== undefined || r.range !== undefined, { message: 'a rule needs a value or a range' });
export type Rule = z.infer<typeof RuleSchema>;

export const PatternsSchema = z.object({
  /** Publication date the examples are read against unless they say otherwise. */
  examplePublished: z.string(),
  macros: z.record(z.string(), z.string()),
  groups: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      rules: z.array(RuleSchema),
    }),
  ),
});
export type Patterns = z.infer<typeof PatternsSchema>;

export const DATA_FILES = ['dates/tables.yaml', 'dates/patterns.yaml'] as const;

/**
 * A rule with every field present (an absent option undefined): parsed rules carry only the
 * options they state, which gave nearly every rule its own hidden class in pass 1.
 */
export type CompiledRule = { [K in keyof Rule]-?: {} extends Pick<Rule, K> ? Rule[K] | undefined : Rule[K] } & CompiledParts;

interface CompiledParts {
  group: string;
  /** Order in the file: the earlier rule wins a tie of equal spans. */
  priority: number;
  regex: RegExp;
  /** The same pattern, matched only at lastIndex: pass 1 tries it where its leads say a match may start. */
  sticky: RegExp;
  rejectBeforeRe: RegExp | undefined;
  rejectAfterRe: RegExp | undefined;
  keepBeforeRe: RegExp | undefined;
}

export interface DateData {
  tables: Tables;
  patterns: Patterns;
  rules: CompiledRule[];
  /** Where each rule's match may start (read from the compiled patterns). */
  leads: LeadTable;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]+');
}

/** An alternation of table keys, longest first so "sept" wins over "sep". */
function alternation(keys: readonly string[]): string {
  return [...keys].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRe).join('|');
}

/** Names and their abbreviations; an abbreviation (a prefix of a longer name) may take a dot: "Sept.", "Fri.". */
function abbreviated(keys: readonly string[]): string {
  const abbr = keys.filter((k) => keys.some((o) => o !== k && o.startsWith(k)));
  const full = keys.filter((k) => !abbr.includes(k));
  return `(?:(?:${alternation(abbr)})\\.(?!\\p{L})|${alternation(full)}|${alternation(abbr)})`;
}

/** Built-in macros from the tables; patterns.yaml adds its own (which may use these). */
function tableMacros(t: Tables): Record<string, string> {
  const units = Object.keys(t.numberWords).filter((k) => t.numberWords[k]! < 10 && !/\s/.test(k) && k !== 'a' && k !== 'an');
  const teens = Object.keys(t.numberWords).filter((k) => t.numberWords[k]! >= 10 && t.numberWords[k]! < 20);
  const tens = Object.keys(t.numberWords).filter((k) => t.numberWords[k]! >= 20 && t.numberWords[k]! < 100 && t.numberWords[k]! % 10 === 0);
  const scales = ['hundred', 'thousand'];
  const small = `(?:(?:${alternation(tens)})(?:[- ](?:${alternation(units)}))?|${alternation(teens)}|${alternation(units)})`;
  const numword = `(?:${small}(?:[- ](?:${scales.join('|')})(?:(?:[- ]and)?[- ]${small})?)?|(?:a[\\s\\u00a0]+)?couple[\\s\\u00a0]+of|a[\\s\\u00a0]+dozen|a|an|(?:${alternation(t.vagueNumbers)})|(?:a[\\s\\u00a0]+)?(?:${scales.join('|')}))`;
  return {
    month: abbreviated(Object.keys(t.months)),
    weekday: abbreviated(Object.keys(t.weekdays)),
    season: `(?:${alternation(Object.keys(t.seasons))})`,
    part: `(?:${alternation(Object.keys(t.partsOfDay))})`,
    numword,
    ordinal: `(?:${alternation(Object.keys(t.ordinals))})`,
    unit: `(?:${alternation(Object.keys(t.units))})`,
    mod: `(?:${alternation(Object.keys(t.mods))})`,
    decadeword: `(?:${alternation(Object.keys(t.decadeWords))})`,
  };
}

/** Expand %macros% recursively (macros may refer to macros). Throws on an unknown one. */
export function expandPattern(pattern: string, macros: Record<string, string>, depth = 0): string {
  if (depth > 10) throw new Error(`macro expansion too deep in: ${pattern}`);
  return pattern.replace(/%(~?)([a-z][a-z0-9]*)(?::(\d))?%/g, (_m, nocap: string, name: string, n?: string) => {
    const body = macros[name];
    if (body === undefined) throw new Error(`unknown macro %${name}% in: ${pattern}`);
    const inner = expandPattern(body, macros, depth + 1);
    if (nocap) return `(?:${inner})`;
    return `(?<${name}${n ? `_${n}` : ''}>${inner})`;
  });
}

/** A literal space in a pattern matches any run of whitespace (line breaks, no-break spaces). */
function spaces(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\') {
      out += ch + (p[i + 1] ?? '');
      i++;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      inClass = false;
      out += ch;
    } else out += ch === ' ' && !inClass ? '[\\s\\u00a0]+' : ch;
  }
  return out;
}

export function compileData(tables: Tables, patterns: Patterns, file = 'dates/patterns.yaml'): DateData {
  const macros: Record<string, string> = { ...tableMacros(tables) };
  for (const [k, v] of Object.entries(patterns.macros)) macros[k] = spaces(v);
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  let priority = 0;
  for (const g of patterns.groups) {
    for (const r of g.rules) {
      if (seen.has(r.id)) throw new Error(`${file}: duplicate rule id ${r.id}`);
      seen.add(r.id);
      let source: string;
      let regex: RegExp;
      try {
        source = expandPattern(spaces(r.pattern), macros);
        // Word edges: a date never starts or ends inside a word or a number.
        regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, r.caseSensitive ? 'gu' : 'giu');
      } catch (err) {
        throw new Error(`${file}: rule ${r.id}: bad pattern: ${(err as Error).message}`);
      }
      const sticky = new RegExp(regex.source, regex.flags.replace('g', 'y'));
      rules.push({
        id: r.id,
        type: r.type,
        pattern: r.pattern,
        value: r.value,
        mod: r.mod,
        quant: r.quant,
        freq: r.freq,
        range: r.range,
        caseSensitive: r.caseSensitive,
        rejectNextPos: r.rejectNextPos,
        rejectFirstPos: r.rejectFirstPos,
        rejectBefore: r.rejectBefore,
        rejectAfter: r.rejectAfter,
        rejectEntity: r.rejectEntity,
        rejectTitleCase: r.rejectTitleCase,
        keepBefore: r.keepBefore,
        inherit: r.inherit,
        examples: r.examples,
        counterExamples: r.counterExamples,
        group: g.name,
        priority: priority++,
        regex,
        sticky,
        rejectBeforeRe: r.rejectBefore ? new RegExp(`(?:${r.rejectBefore})$`, 'iu') : undefined,
        rejectAfterRe: r.rejectAfter ? new RegExp(`^(?:${r.rejectAfter})`, 'iu') : undefined,
        keepBeforeRe: r.keepBefore ? new RegExp(`(?:${r.keepBefore})$`, 'iu') : undefined,
      });
    }
  }
  // Every pattern opens with the word-edge lookbehind: the lead table relies on it.
  return { tables, patterns, rules, leads: leadTable(rules.map((r) => r.regex)) };
}

let cached: DateData | undefined;

/** The English date data, loaded, validated and compiled once. */
export function dateData(): DateData {
  if (!cached) {
    const tables = loadData(DATA_FILES[0], TablesSchema);
    const patterns = loadData(DATA_FILES[1], PatternsSchema);
    cached = compileData(tables, patterns);
  }
  return cached;
}
