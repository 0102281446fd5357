/**
 * Quantities over a folder of plain texts: counts per unit, spans that fail to
 * line up, and coverage of wink's own MONEY / PERCENT / CARDINAL entities (how
 * many of them some quantity overlaps: a recall proxy; CARDINAL is low by design,
 * since years, ordinals, a lone "one" and identifiers are refused).
 *   npx tsx pipeline/extract/quantities/bench.ts [DIR] [--limit N]
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { nlpOf } from '../../adapters/wink.ts';
import { extractQuantities } from './index.ts';

const args = process.argv.slice(2);
const li = args.indexOf('--limit');
const limit = li >= 0 ? Number(args[li + 1]) : Infinity;
const dir = args.find((a, i) => !a.startsWith('--') && i !== li + 1) ?? '../shared/scale/te3-silver';
const files = readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f)).sort().slice(0, limit);

const byUnit = new Map<string, number>();
const wink = new Map<string, { n: number; covered: number }>();
let total = 0;
let misaligned = 0;
let ms = 0;
for (const f of files) {
  const input = { id: f, text: readFileSync(path.join(dir, f), 'utf8') };
  const t0 = performance.now();
  const qs = extractQuantities(input);
  ms += performance.now() - t0;
  for (const q of qs) {
    total++;
    byUnit.set(q.unit, (byUnit.get(q.unit) ?? 0) + 1);
    if (input.text.slice(q.start, q.end) !== q.text) misaligned++;
  }
  for (const e of nlpOf(input).entities) {
    if (!['MONEY', 'PERCENT', 'CARDINAL'].includes(e.type)) continue;
    const w = wink.get(e.type) ?? { n: 0, covered: 0 };
    w.n++;
    if (qs.some((q) => q.start < e.end && e.start < q.end)) w.covered++;
    wink.set(e.type, w);
  }
}
console.log(`${files.length} docs, ${total} quantities, ${misaligned} misaligned, ${ms.toFixed(0)} ms (wink pass included)`);
console.log([...byUnit].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([u, n]) => `${u} ${n}`).join(', '));
for (const [type, w] of wink) console.log(`wink ${type}: ${w.covered}/${w.n} overlapped (${((100 * w.covered) / w.n).toFixed(1)}%)`);
