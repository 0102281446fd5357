/**
 * What actor extraction costs next to one wink pass, and what compromise adds.
 *
 *   npm run bench:actors -- [--dir ../shared/scale/te3-silver] [--sample 300]
 *
 * Over a sample of real news texts it times, per pass over the same documents:
 *   wink        one wink-nlp pass (analyse)
 *   actors      extractActors with its own wink pass (compromise only on the sentences
 *               that still hold an unclassified capitalised run)
 *   no-tagger   the same with compromise's tagger off (its word lists still used)
 *   compromise  compromise people/organisations/places on every sentence (the cost avoided)
 * and prints the ratios plus how many sentences reached compromise.
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
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();
// an even spread over the folder, not its first files
const step = Math.max(1, Math.floor(files.length / sample));
const picked = files.filter((_, i) => i % step === 0).slice(0, sample);
const texts = picked.map((f) => readFileSync(path.join(dir, f), 'utf8'));
const chars = texts.reduce((n, t) => n + t.length, 0);

gazetteer(); // load data outside the timings
analyse('Warm up the model.');
extractActors({ id: 'warm', text: 'President Lukashenko met Moscow officials.' }, '2020-01-01');

function time(label: string, fn: () => void): number {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(12)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / texts.length).toFixed(2).padStart(7)} ms/doc`);
  return ms;
}

console.log(`${texts.length} documents, ${(chars / 1000).toFixed(0)}k chars, from ${dir}`);
let sentences = 0;
let mentions = 0;
let unlisted = 0;
const wink = time('wink', () => {
  for (const t of texts) sentences += analyse(t).sentences.length;
});
const before = compromiseStats();
const actors = time('actors', () => {
  texts.forEach((t, i) => {
    // a fresh owner object per document, so the wink pass is counted here too
    const ms = extractActors({ id: picked[i]!, text: t }, null);
    mentions += ms.length;
    unlisted += ms.filter((m) => !m.listed).length;
  });
});
const after = compromiseStats();
const bare = time('no-tagger', () => {
  texts.forEach((t, i) => extractActors({ id: picked[i]!, text: t }, null, [], { compromise: false }));
});
const everywhere = time('compromise', () => {
  for (const t of texts) {
    for (const s of analyse(t).sentences) nameCandidates(t.slice(s.start, s.end), s.start);
  }
});
const calls = after.calls - before.calls;
console.log('');
console.log(`actors / wink                       ${(actors / wink).toFixed(2)}×  (actors alone, beyond the shared wink pass: ${((actors - wink) / wink).toFixed(2)}×)`);
console.log(`actors without compromise / wink    ${(bare / wink).toFixed(2)}×`);
console.log(`compromise on every sentence / wink ${(everywhere / wink).toFixed(2)}× (includes its own wink pass for sentences)`);
console.log(`compromise calls in actors          ${calls} (one per document with doubtful names; ${sentences} sentences in all), ${((after.chars - before.chars) / 1000).toFixed(0)}k chars, ${(after.ms - before.ms).toFixed(0)} ms = ${((after.ms - before.ms) / wink).toFixed(2)}× wink`);
console.log(`actor mentions                      ${mentions} (${unlisted} unlisted), ${(mentions / texts.length).toFixed(1)} per doc`);
