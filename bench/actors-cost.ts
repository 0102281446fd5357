/**
 * What actor extraction costs next to one wink pass, and what compromise adds.
 *
 *   npm run bench:actors -- [--dir ../shared/scale/te3-silver] [--sample 300] [--rounds 3]
 *
 * Over an even sample of real news texts it times, per document (best of --rounds,
 * since the machine is shared and single timings are noisy):
 *   wink        one wink-nlp pass (analyse)
 *   actors      extractActors with its own wink pass; compromise's tagger runs only on a
 *               few words around names nothing cheaper classified, once per document
 *   no-tagger   the same with compromise's tagger off (its word lists still used)
 *   every-sent  compromise on every sentence (the cost the gating avoids; first 50 docs)
 * and prints the ratios to the wink pass and what compromise read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../pipeline/adapters/wink.ts';
import { compromiseStats, nameCandidates } from '../pipeline/adapters/compromise.ts';
import { extractActors } from '../pipeline/extract/actors/index.ts';
import { gazetteer } from '../pipeline/extract/actors/lib/gazetteer.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const dir = path.resolve(arg('dir', path.join('..', 'shared', 'scale', 'te3-silver')));
const sample = Number(arg('sample', '300'));
const rounds = Number(arg('rounds', '3'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const step = Math.max(1, Math.floor(files.length / sample)); // an even spread, not the first files
const picked = files.filter((_, i) => i % step === 0).slice(0, sample);
const texts = picked.map((f) => readFileSync(path.join(dir, f), 'utf8'));
const chars = texts.reduce((n, t) => n + t.length, 0);

gazetteer(); // data loading is outside the timings
analyse('Warm up the model.');
extractActors({ id: 'warm', text: 'President Lukashenko met Moscow officials and Jan Kowal Nowak.' }, '2020-01-01');

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

let sentences = 0;
let mentions = 0;
let unlisted = 0;
let compromiseCalls = 0;
let compromiseChars = 0;
let compromiseMs = Infinity;
const best = { wink: Infinity, actors: Infinity, bare: Infinity };
for (let r = 0; r < rounds; r++) {
  sentences = 0;
  best.wink = Math.min(best.wink, timed(() => {
    for (const t of texts) sentences += analyse(t).sentences.length;
  }));
  const before = compromiseStats();
  mentions = 0;
  unlisted = 0;
  best.actors = Math.min(best.actors, timed(() => {
    texts.forEach((t, i) => {
      // a fresh owner object per document: its wink pass is part of the time
      const ms = extractActors({ id: picked[i]!, text: t }, null);
      mentions += ms.length;
      unlisted += ms.filter((m) => !m.listed).length;
    });
  }));
  const after = compromiseStats();
  compromiseCalls = after.calls - before.calls;
  compromiseChars = after.chars - before.chars;
  compromiseMs = Math.min(compromiseMs, after.ms - before.ms);
  best.bare = Math.min(best.bare, timed(() => {
    texts.forEach((t, i) => extractActors({ id: picked[i]!, text: t }, null, [], { compromise: false }));
  }));
}
const few = texts.slice(0, 50);
const everySentence = timed(() => {
  for (const t of few) for (const s of analyse(t).sentences) nameCandidates(t.slice(s.start, s.end), s.start);
}) / few.length;

const per = (ms: number): string => `${(ms / texts.length).toFixed(2).padStart(7)} ms/doc`;
const x = (ms: number): string => `${(ms / best.wink).toFixed(2)}× wink`;
console.log(`${texts.length} documents, ${(chars / 1000).toFixed(0)}k chars, ${sentences} sentences, best of ${rounds} rounds, from ${dir}`);
console.log(`wink        ${per(best.wink)}`);
console.log(`actors      ${per(best.actors)}  ${x(best.actors)}  (beyond the shared wink pass: ${x(best.actors - best.wink)})`);
console.log(`no-tagger   ${per(best.bare)}  ${x(best.bare)}`);
console.log(`every-sent  ${everySentence.toFixed(2).padStart(7)} ms/doc  ${(everySentence / (best.wink / texts.length)).toFixed(2)}× wink (compromise on every sentence, first 50 docs)`);
console.log(`compromise in actors: ${compromiseCalls} calls (one per document with doubtful names), ${(compromiseChars / 1000).toFixed(0)}k of ${(chars / 1000).toFixed(0)}k chars, ${compromiseMs.toFixed(0)} ms = ${x(compromiseMs)}`);
console.log(`actor mentions: ${mentions} (${unlisted} unlisted), ${(mentions / texts.length).toFixed(1)} per doc`);
