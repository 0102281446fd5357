/**
 * The normalise stage's rule data (pipeline/lang/en/normalise/chrome.yaml),
 * validated at load, compiled once into matchers.
 */
import { z } from 'zod';
import { loadData } from '../../core/data.ts';
import { BoundedMap } from '../../core/bounded-map.ts';
import { literalTests } from './literals.ts';

export const DATA_FILE = 'normalise/chrome.yaml';

export const RuleGroupSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    phrases: z.array(z.string().min(1)).optional(),
    patterns: z.array(z.string().min(1)).optional(),
    /** Patterns are case-insensitive unless this is set (needed where \p{Lu} must mean upper case). */
    caseSensitive: z.boolean().optional(),
    examples: z.array(z.string()).min(1),
    counterExamples: z.array(z.string()).default([]),
  })
  .strict()
  .refine((g) => (g.phrases?.length ?? 0) + (g.patterns?.length ?? 0) > 0, 'a rule group needs phrases or patterns')
  .superRefine((g, ctx) => {
    for (const p of g.patterns ?? []) {
      try {
        new RegExp(p, 'iu');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `bad pattern ${JSON.stringify(p)}: ${(err as Error).message}` });
      }
    }
  });

export const NormaliseDataSchema = z
  .object({
    widget: z.array(RuleGroupSchema),
    cut: z.array(RuleGroupSchema),
    rail: z.array(RuleGroupSchema),
    endnotes: z.array(RuleGroupSchema),
    box: z.array(RuleGroupSchema),
    authorLabel: z.array(RuleGroupSchema),
    byline: z.array(RuleGroupSchema),
    honorifics: z.array(z.string()),
    dateline: z.array(RuleGroupSchema),
    bio: z.array(RuleGroupSchema),
    writingTime: z.array(RuleGroupSchema),
    upcoming: z.array(RuleGroupSchema),
    months: z.record(z.string(), z.number().int().min(1).max(12)),
    seasons: z.record(z.string(), z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(12)])),
  })
  .strict();

export type RuleGroup = z.infer<typeof RuleGroupSchema>;
export type NormaliseData = z.infer<typeof NormaliseDataSchema>;

const TRIMMED: unique symbol = Symbol('matchTrimmed');
const RULES: unique symbol = Symbol('rules');

/** One regex of a group with its literal prefilters (see literalTests; null: none). */
interface Rule {
  re: RegExp;
  filter: RegExp | null;
  firstChar: RegExp | null;
}

/** A compiled rule group: `match(line)` gives the first match (with named groups) or null. */
export interface Matcher {
  id: string;
  match(line: string): RegExpExecArray | null;
  test(line: string): boolean;
  /** `match` on a line already trimmed. */
  [TRIMMED]?: (trimmed: string) => RegExpExecArray | null;
  /** The group's regexes in order, with their prefilters, for firstMatch. */
  [RULES]?: readonly Rule[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileGroup(g: RuleGroup, anchored = true): Matcher {
  const regs: RegExp[] = (g.patterns ?? []).map((p) => new RegExp(p, g.caseSensitive ? 'u' : 'iu'));
  if (g.phrases?.length) {
    const alt = g.phrases.map(escape).join('|');
    regs.unshift(new RegExp(anchored ? `^(?:${alt})\\s*[:›»]?$` : `\\b(?:${alt})\\b`, 'iu'));
  }
  const rules: Rule[] = regs.map((re) => ({ re, ...literalTests(re) }));
  const matchTrimmed = (t: string): RegExpExecArray | null => {
    for (const r of regs) {
      const m = r.exec(t);
      if (m) return m;
    }
    return null;
  };
  const match = (line: string): RegExpExecArray | null => matchTrimmed(line.trim());
  return { id: g.id, match, test: (line) => match(line) !== null, [TRIMMED]: matchTrimmed, [RULES]: rules };
}

export interface CompiledData {
  raw: NormaliseData;
  widget: Matcher[];
  cut: Matcher[];
  rail: Matcher[];
  endnotes: Matcher[];
  box: Matcher[];
  authorLabel: Matcher[];
  byline: Matcher[];
  honorifics: Set<string>;
  dateline: Matcher[];
  bio: Matcher[];
  writingTime: RegExp[];
  upcomingBefore: RegExp[];
  futureClause: RegExp[];
  months: Map<string, number>;
  seasons: Map<string, [number, number]>;
}

let cached: CompiledData | undefined;

export function compileData(d: NormaliseData): CompiledData {
  const all = (gs: RuleGroup[]) => gs.map((g) => compileGroup(g));
  const regs = (gs: RuleGroup[]) => gs.flatMap((g) => (g.patterns ?? []).map((p) => new RegExp(p, 'giu')));
  return {
    raw: d,
    widget: all(d.widget),
    cut: all(d.cut),
    rail: all(d.rail),
    endnotes: all(d.endnotes),
    box: all(d.box),
    authorLabel: all(d.authorLabel),
    byline: all(d.byline),
    honorifics: new Set(d.honorifics.map((h) => h.toLowerCase())),
    dateline: all(d.dateline),
    bio: all(d.bio),
    writingTime: regs(d.writingTime),
    upcomingBefore: regs(d.upcoming.filter((g) => g.id !== 'future-clause')).map((r) => new RegExp(r.source, 'iu')),
    futureClause: regs(d.upcoming.filter((g) => g.id === 'future-clause')).map((r) => new RegExp(r.source, 'iu')),
    months: new Map(Object.entries(d.months)),
    seasons: new Map(Object.entries(d.seasons)),
  };
}

export function normaliseData(): CompiledData {
  cached ??= compileData(loadData(DATA_FILE, NormaliseDataSchema));
  return cached;
}

export type MatchHit = { id: string; m: RegExpExecArray } | null;

/**
 * firstMatch's results per matcher list, by line. The structure rules ask the same
 * lists about the same line several times (a line as a unit's line, then as the
 * unit; widget, cut and rail before and after paragraphs are repaired), and chrome
 * lines repeat across articles. The lists are compiled once and never change, and
 * the regexes are not global (no lastIndex state), so a line's answer is fixed.
 * Bounded: a list's entries are dropped when they pass MEMO_MAX.
 */
const memo = new WeakMap<readonly Matcher[], BoundedMap<string, MatchHit>>();
const MEMO_MAX = 2000;

/** A rule of a list, for firstMatch: its group, its regex and the cheap tests that may rule it out. */
interface ListRule {
  id: string;
  re: RegExp;
  /** Literals the line must hold (see literalTests). */
  filter: RegExp | null;
  /** Characters the line must begin with (see literalTests). */
  firstChar: RegExp | null;
}

/**
 * The rules of a list that can match a line beginning with a given character, in order, and
 * their gates: per flag set shared by two or more of these rules' filters, one regex of those
 * filters as alternatives, true of a line exactly when one of them is. Most lines hold none of
 * the literals: one scan rules out every filtered rule of the set.
 */
interface Bucket {
  rules: ListRule[];
  /** By rule: the index in `gates` of the gate over its filter, or -1 (no filter, or alone in its flag set). */
  gateOf: number[];
  gates: RegExp[];
}

/**
 * A list's rules in order and its buckets by the first character of a line (most rules are
 * anchored on a word or a class: a line starting "T" is not tried against "^(?:share|…)" nor
 * "^\d+\s+comments?$", and its gate leaves out their filters). Null for a list with a matcher
 * not made by compileGroup.
 */
interface Dispatch {
  rules: ListRule[];
  byFirstChar: Map<string, Bucket>;
}

const dispatches = new WeakMap<readonly Matcher[], Dispatch | null>();

function dispatchOf(ms: readonly Matcher[]): Dispatch | null {
  let d = dispatches.get(ms);
  if (d !== undefined) return d;
  d = ms.every((x) => x[RULES]) ? { rules: ms.flatMap((x) => x[RULES]!.map((r) => ({ id: x.id, ...r }))), byFirstChar: new Map() } : null;
  dispatches.set(ms, d);
  return d;
}

/** Gates by flags and source: the buckets of the lowercase letters mostly share theirs. */
const gateRegexes = new Map<string, RegExp>();

/** The bucket of a list for lines starting with `first` (a code point, or "" for an empty line). */
function bucketFor(d: Dispatch, first: string): Bucket {
  let b = d.byFirstChar.get(first);
  if (b !== undefined) return b;
  const rules = d.rules.filter((r) => r.firstChar === null || r.firstChar.test(first));
  const filtersByFlags = new Map<string, RegExp[]>();
  for (const r of rules) if (r.filter) filtersByFlags.set(r.filter.flags, [...(filtersByFlags.get(r.filter.flags) ?? []), r.filter]);
  const gates: RegExp[] = [];
  const gateOfFlags = new Map<string, number>();
  for (const [flags, filters] of filtersByFlags) {
    // A gate is a bit of firstMatch's masks; two filters at least, or it saves nothing.
    if (filters.length < 2 || gates.length === 31) continue;
    // Filters have no capturing groups: as alternatives they keep their meaning.
    const source = filters.map((f) => `(?:${f.source})`).join('|');
    const key = `${flags}/${source}`;
    let gate = gateRegexes.get(key);
    if (gate === undefined) gateRegexes.set(key, (gate = new RegExp(source, flags)));
    gateOfFlags.set(flags, gates.length);
    gates.push(gate);
  }
  b = { rules, gateOf: rules.map((r) => (r.filter ? (gateOfFlags.get(r.filter.flags) ?? -1) : -1)), gates };
  d.byFirstChar.set(first, b);
  return b;
}

export function firstMatch(ms: readonly Matcher[], line: string): MatchHit {
  let seen = memo.get(ms);
  if (seen === undefined) memo.set(ms, (seen = new BoundedMap(MEMO_MAX)));
  const known = seen.get(line);
  if (known !== undefined) return known;
  const t = line.trim();
  let hit: MatchHit = null;
  const d = dispatchOf(ms);
  if (d) {
    // The rules in order, as the groups' matchers try them, less those the line's first character or literals rule out.
    const first = t.length ? String.fromCodePoint(t.codePointAt(0)!) : '';
    const b = bucketFor(d, first);
    // Bits by gate index: gates tested on this line, and those of them that passed.
    let gatesTested = 0;
    let gatesPassed = 0;
    for (let i = 0; i < b.rules.length; i++) {
      const r = b.rules[i]!;
      const gate = b.gateOf[i]!;
      if (gate >= 0) {
        const bit = 1 << gate;
        if ((gatesTested & bit) === 0) {
          gatesTested |= bit;
          if (b.gates[gate]!.test(t)) gatesPassed |= bit;
        }
        if ((gatesPassed & bit) === 0) continue;
      }
      if (r.filter && !r.filter.test(t)) continue;
      const m = r.re.exec(t);
      if (m) {
        hit = { id: r.id, m };
        break;
      }
    }
  } else {
    for (const x of ms) {
      const m = x.match(line);
      if (m) {
        hit = { id: x.id, m };
        break;
      }
    }
  }
  seen.set(line, hit);
  return hit;
}
