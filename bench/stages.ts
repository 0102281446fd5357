/**
 * `npm run bench:stages`: what each per-document stage costs on one thread, next
 * to the floor (one bare wink-nlp readDoc pass over the same texts). No workers,
 * no store, no files written: the numbers to look at when making a stage cheaper
 * (`node --cpu-prof --import tsx bench/stages.ts` for a profile of the same loop).
 *
 * Usage: npm run bench:stages -- [--corpus DIR] [--limit N] [--rounds R] [--dump DIR]
 * Each stage is timed with the thread's CPU clock (runner/cpu.ts); of R rounds the
 * lowest total is printed (the machine is shared).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { CORPUS_EXTENSIONS, readCorpusFile } from '../pipeline/corpus/read.ts';
import { runStages } from '../pipeline/core/stage.ts';
import { hasFatal } from '../pipeline/core/messages.ts';
import { toJson, type Doc } from '../pipeline/core/doc.ts';
import { DocumentSchema } from '../pipeline/core/schema.ts';
import { documentRows } from '../pipeline/store/rows.ts';
import { DOC_STAGES } from '../pipeline/stages.ts';
import { threadCpuMs } from '../pipeline/runner/cpu.ts';
import { tuneV8 } from '../pipeline/runner/run.ts';
import { nlpOf } from '../pipeline/adapters/wink.ts';
import { manifestMeta } from '../pipeline/corpus/manifest.ts';
import { readPublished } from './lib/published.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env['BENCH_CORPUS'] ?? path.join(ROOT, '..', 'shared', 'scale', 'te3-silver') },
    limit: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    // Write each document's JSON (compact, one file per document) here: diff two dumps to prove a speed-up changed no output.
    dump: { type: 'string' },
  },
});

tuneV8();
const dir = path.resolve(args.corpus);
let files = readdirSync(dir)
  .filter((f) => CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase()))
  .sort();
if (args.limit) files = files.slice(0, Number(args.limit));
// Read once, outside the timings, with the publication dates of published.tsv as a manifest would give them.
const published = readPublished(dir);
const docs = files.map((f) => {
  const doc = readCorpusFile(dir, f);
  const entry = published[doc.id];
  if (entry) doc.meta = manifestMeta(doc.meta, entry, 'published.tsv');
  return doc;
});
const texts = docs.map((d) => d.raw);

const now = (): number => threadCpuMs() ?? performance.now();
const nlp = winkNLP(model);

function round(): Record<string, number> {
  const ms: Record<string, number> = {};
  const add = (k: string, v: number): void => {
    ms[k] = (ms[k] ?? 0) + v;
  };
  let t = now();
  for (const text of texts) nlp.readDoc(text).tokens().length();
  add('floor (wink readDoc)', now() - t);
  for (const d0 of docs) {
    // A fresh copy per round: stages memoise per Doc object.
    let doc: Doc = { ...d0, meta: { ...d0.meta }, mentions: [], claims: [], messages: [...d0.messages], stages: [...d0.stages] };
    for (const s of DOC_STAGES) {
      if (hasFatal(doc)) break;
      t = now();
      doc = runStages(doc, [s]);
      add(s.name, now() - t);
      if (s.name === 'normalise' && !hasFatal(doc)) {
        // The stages share one wink pass (memoised on the doc); timed on its own so each stage's line is its own work.
        t = now();
        nlpOf(doc);
        add('wink pass (shared)', now() - t);
      }
    }
    if (hasFatal(doc)) continue;
    t = now();
    const json = DocumentSchema.parse(toJson(doc));
    add('validate', now() - t);
    t = now();
    const out = JSON.stringify(json, null, 2);
    documentRows(json);
    add('serialise + rows', now() - t);
    if (args.dump) writeFileSync(path.join(args.dump, `${json.id}.json`), out);
  }
  return ms;
}

if (args.dump) mkdirSync(args.dump, { recursive: true });
const rounds = Math.max(1, Number(args.rounds));
let best: Record<string, number> | undefined;
for (let r = 0; r < rounds; r++) {
  const ms = round();
  const total = (m: Record<string, number>): number => Object.entries(m).filter(([k]) => !k.startsWith('floor')).reduce((a, [, v]) => a + v, 0);
  if (!best || total(ms) < total(best)) best = ms;
}
const floor = best!['floor (wink readDoc)']!;
const total = Object.entries(best!).filter(([k]) => !k.startsWith('floor')).reduce((a, [, v]) => a + v, 0);
console.log(`${docs.length} documents, ${rounds} round(s), one thread (CPU ms)`);
for (const [k, v] of Object.entries(best!)) console.log(`  ${k.padEnd(22)} ${v.toFixed(0).padStart(7)} ms  ${(v / floor).toFixed(2)}× floor`);
console.log(`  ${'all stages'.padEnd(22)} ${total.toFixed(0).padStart(7)} ms  ${(total / floor).toFixed(2)}× floor`);
