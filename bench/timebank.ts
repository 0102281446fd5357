/**
 * TimeBank 1.2 benchmark of the date extractor, scored TempEval-3 style.
 *
 *   npm run bench:timebank [-- --dir PATH] [--json] [--errors N] [--kind miss|fp|value]
 *
 * Each .tml's <TEXT> is stripped of its tags (gold TIMEX3 spans kept as offsets
 * into the stripped text); its <DCT> value is the publication date. Scores:
 * strict span (exact offsets), relaxed span (any overlap), and value (a relaxed
 * match whose TIMEX3 value is identical), each as P/R/F1, for all types and per type.
 * The folder defaults to ../shared/timebank next to the repository, or $TIMEBANK_DIR.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { extractDates } from '../pipeline/extract/dates/index.ts';
import type { DateMention } from '../pipeline/core/schema.ts';

export interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
  text: string;
}

export interface TmlDoc {
  id: string;
  dct: string | null;
  text: string;
  gold: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : '';
}

/** Strip a TimeML <TEXT> body to plain text, keeping the gold TIMEX3 spans as offsets. */
export function parseTml(id: string, xml: string): TmlDoc {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml);
  const dct = dctTag ? attr(dctTag[1]!, 'value') || null : null;
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const gold: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(amp|lt|gt|quot|apos);/g;
  let last = 0;
  for (const m of body.matchAll(re)) {
    text += body.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[4]) {
      text += ENTITIES[m[4]]!;
      continue;
    }
    if (m[2] !== 'TIMEX3') continue;
    if (m[1]) {
      const o = open.pop();
      if (o) gold.push({ start: o.start, end: text.length, type: o.type, value: o.value, text: text.slice(o.start, text.length) });
    } else if (m[3]!.trimEnd().endsWith('/')) {
      continue; // empty (non-consuming) TIMEX3
    } else {
      open.push({ start: text.length, type: attr(m[3]!, 'type'), value: attr(m[3]!, 'value') });
    }
  }
  text += body.slice(last);
  return { id, dct, text, gold: gold.sort((a, b) => a.start - b.start) };
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tpSys: number;
  tpGold: number;
  sys: number;
  gold: number;
}

function prf(tpSys: number, sys: number, tpGold: number, gold: number): Prf {
  const p = sys ? tpSys / sys : 0;
  const r = gold ? tpGold / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tpSys, tpGold, sys, gold };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

export interface Scores {
  strict: Prf;
  relaxed: Prf;
  value: Prf;
  /** Share of relaxed matches whose type agrees. */
  typeAccuracy: number;
}

interface Pair {
  doc: TmlDoc;
  sys: DateMention[];
}

export interface ErrorItem {
  kind: 'miss' | 'fp' | 'value';
  doc: string;
  text: string;
  gold?: string;
  sys?: string;
  context: string;
}

/** Score the pairs, restricted to one TIMEX3 type (gold by its type, system by its timexType) or all. */
export function score(pairs: readonly Pair[], type: string | null, errors?: ErrorItem[]): Scores {
  let sysN = 0;
  let goldN = 0;
  let strictSys = 0;
  let strictGold = 0;
  let relSys = 0;
  let relGold = 0;
  let valSys = 0;
  let valGold = 0;
  let typeOk = 0;
  for (const { doc, sys: allSys } of pairs) {
    const gold = doc.gold.filter((g) => type === null || g.type === type);
    const sys = allSys.filter((s) => type === null || s.timexType === type);
    // For matching, compare against all of the other side, so a type error is not also a span error.
    const allGold = doc.gold;
    const ctx = (s: number, e: number): string =>
      `${doc.text.slice(Math.max(0, s - 50), s)}[${doc.text.slice(s, e)}]${doc.text.slice(e, e + 50)}`.replace(/\s+/g, ' ');
    sysN += sys.length;
    goldN += gold.length;
    for (const s of sys) {
      const g = allGold.find((x) => overlaps(x, s));
      if (allGold.some((x) => x.start === s.start && x.end === s.end)) strictSys++;
      if (g) {
        relSys++;
        if (g.value === s.value) valSys++;
      } else errors?.push({ kind: 'fp', doc: doc.id, text: s.text, sys: `${s.timexType} ${s.value} (${s.rule})`, context: ctx(s.start, s.end) });
    }
    for (const g of gold) {
      const s = allSys.find((x) => overlaps(x, g));
      if (allSys.some((x) => x.start === g.start && x.end === g.end)) strictGold++;
      if (s) {
        relGold++;
        if (s.timexType === g.type) typeOk++;
        if (s.value === g.value) valGold++;
        else
          errors?.push({
            kind: 'value',
            doc: doc.id,
            text: g.text,
            gold: `${g.type} ${g.value}`,
            sys: `${s.timexType} ${s.value} "${s.text}" (${s.rule})`,
            context: ctx(g.start, g.end),
          });
      } else errors?.push({ kind: 'miss', doc: doc.id, text: g.text, gold: `${g.type} ${g.value}`, context: ctx(g.start, g.end) });
    }
  }
  return {
    strict: prf(strictSys, sysN, strictGold, goldN),
    relaxed: prf(relSys, sysN, relGold, goldN),
    value: prf(valSys, sysN, valGold, goldN),
    typeAccuracy: relGold ? typeOk / relGold : 0,
  };
}

export function loadTimebank(dir: string): TmlDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tml'))
    .sort()
    .map((f) => parseTml(f.replace(/\.tml$/, ''), readFileSync(path.join(dir, f), 'utf8')));
}

function fmt(n: number): string {
  return n.toFixed(3);
}

function main(argv: string[]): number {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const program = new Command()
    .name('bench:timebank')
    .option('--dir <path>', 'folder of TimeBank .tml files', process.env['TIMEBANK_DIR'] ?? path.resolve(here, '..', '..', 'shared', 'timebank'))
    .option('--json', 'print the scores as JSON')
    .option('--errors <n>', 'list up to N errors (misses, false positives, wrong values)', '0')
    .option('--kind <kind>', 'only errors of this kind: miss, fp or value')
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const opts = program.opts<{ dir: string; json?: boolean; errors: string; kind?: string }>();
  const docs = loadTimebank(opts.dir);
  if (docs.length === 0) {
    console.error(`no .tml files in ${opts.dir}`);
    return 2;
  }
  const t0 = performance.now();
  const pairs = docs.map((doc) => ({ doc, sys: extractDates({ id: doc.id, text: doc.text }, doc.dct) }));
  const ms = performance.now() - t0;
  const errors: ErrorItem[] = [];
  const all = score(pairs, null, errors);
  const types = ['DATE', 'TIME', 'DURATION', 'SET'] as const;
  const byType = Object.fromEntries(types.map((t) => [t, score(pairs, t)]));
  if (opts.json) {
    console.log(JSON.stringify({ docs: docs.length, ms: Math.round(ms), all, byType }, null, 2));
    return 0;
  }
  const line = (name: string, s: Scores): string =>
    [
      name.padEnd(9),
      String(s.relaxed.gold).padStart(5),
      String(s.relaxed.sys).padStart(5),
      ...[s.strict, s.relaxed, s.value].flatMap((x) => [fmt(x.p), fmt(x.r), fmt(x.f1)]),
      fmt(s.typeAccuracy),
    ].join('  ');
  console.log(`TimeBank 1.2: ${docs.length} documents, extraction ${Math.round(ms)} ms`);
  console.log(
    ['type'.padEnd(9), ' gold', '  sys', 'strictP', 'strictR', 'strictF', 'relaxP', 'relaxR', 'relaxF', 'valueP', 'valueR', 'valueF', 'typeAcc'].join('  '),
  );
  console.log(line('ALL', all));
  for (const t of types) console.log(line(t, byType[t]!));
  const n = Number(opts.errors);
  if (n > 0) {
    const shown = errors.filter((e) => !opts.kind || e.kind === opts.kind).slice(0, n);
    for (const e of shown) {
      console.log(`${e.kind.padEnd(5)} ${e.doc}: "${e.text}" gold=${e.gold ?? '-'} sys=${e.sys ?? '-'}\n      ${e.context}`);
    }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
