/**
 * The normalise stage's rule data (pipeline/lang/en/normalise/chrome.yaml),
 * validated at load, compiled once into matchers.
 */
import { z } from 'zod';
import { loadData } from '../../core/data.ts';

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
const REGEXES: unique symbol = Symbol('regexes');

/** A compiled rule group: `match(line)` gives the first match (with named groups) or null. */
export interface Matcher {
  id: string;
  match(line: string): RegExpExecArray | null;
  test(line: string): boolean;
  /** `match` on a line already trimmed (firstMatch trims once for all the groups it tries). */
  [TRIMMED]?: (trimmed: string) => RegExpExecArray | null;
  /** The group's regexes, for firstMatch's one-pass pre-check of a whole list. */
  [REGEXES]?: readonly RegExp[];
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
  const matchTrimmed = (t: string): RegExpExecArray | null => {
    for (const r of regs) {
      const m = r.exec(t);
      if (m) return m;
    }
    return null;
  };
  const match = (line: string): RegExpExecArray | null => matchTrimmed(line.trim());
  return { id: g.id, match, test: (line) => match(line) !== null, [TRIMMED]: matchTrimmed, [REGEXES]: regs };
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
const memo = new WeakMap<readonly Matcher[], Map<string, MatchHit>>();
const MEMO_MAX = 2000;

/**
 * One regex that matches wherever any regex of the list does: their alternation, all
 * case-insensitive (which only widens a case-sensitive pattern), group names dropped.
 * Most lines are running text that no chrome rule matches; one pass over such a line
 * costs about 60% of trying each rule in turn (widget list, 2,963 te3-silver lines); for
 * lists of fewer than PRECHECK_MIN anchored rules it costs more, so they are tried as they are.
 * A line it rejects matches nothing in the list; a line it accepts is tried rule by
 * rule in order, as before. Null when the list cannot be joined (a back-reference,
 * a matcher not made by compileGroup, a source that does not compile joined).
 */
const PRECHECK_MIN = 5;
const prechecks = new WeakMap<readonly Matcher[], RegExp | null>();

function precheckOf(ms: readonly Matcher[]): RegExp | null {
  let pre = prechecks.get(ms);
  if (pre !== undefined) return pre;
  pre = null;
  const sources: string[] = [];
  let joinable = ms.length > 1;
  for (const x of ms) {
    const regs = x[REGEXES];
    if (!regs) joinable = false;
    for (const r of regs ?? []) {
      if (/\\(?:k<|[1-9]|\(\?<)/.test(r.source) || r.flags.replace(/[iu]/g, '') !== '') joinable = false;
      sources.push(`(?:${r.source.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, '(?:')})`);
    }
  }
  // Short lists of anchored rules fail fast one by one; joined, the engine tries every position.
  if (joinable && sources.length >= PRECHECK_MIN) {
    try {
      pre = new RegExp(sources.join('|'), 'iu');
    } catch {
      pre = null;
    }
  }
  prechecks.set(ms, pre);
  return pre;
}

export function firstMatch(ms: readonly Matcher[], line: string): MatchHit {
  let seen = memo.get(ms);
  if (seen === undefined) memo.set(ms, (seen = new Map()));
  const known = seen.get(line);
  if (known !== undefined) return known;
  const t = line.trim();
  let hit: MatchHit = null;
  const pre = precheckOf(ms);
  if (pre === null || pre.test(t)) for (const x of ms) {
    const m = x[TRIMMED] ? x[TRIMMED](t) : x.match(line);
    if (m) {
      hit = { id: x.id, m };
      break;
    }
  }
  if (seen.size >= MEMO_MAX) seen.clear();
  seen.set(line, hit);
  return hit;
}
