/**
 * Benchmark of writeReport (run: node --import tsx pipeline/report/bench.ts
 * [--out DIR] [--docs N] [--json]). Two corpora: the documents and ledger of
 * a pipeline output folder (default: the seeds, run into a temporary folder
 * first if DIR has no ledger.json), and a synthetic corpus of N documents
 * (default 2000) made from those documents under new ids with their claims'
 * dates and figures varied, with a ledger built by buildLedger. For each:
 * a full render (no manifest), a run with nothing changed, one with one
 * document changed, and one with a document added; documents come as the
 * runner gives them (the store's cache key as hash, JSON parsed on load).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stableId, sha256 } from '../core/ids.ts';
import type { DocumentJson } from '../core/schema.ts';
import { buildLedger, readLedger } from '../ledger/index.ts';
import type { DocSource, Ledger } from './types.ts';
import { writeReport } from './lib/render.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Documents as the runner holds them: JSON text per id and a content key; parsed only on load. */
function runnerSource(json: Map<string, string>): DocSource & { loads: () => number } {
  let loads = 0;
  const keys = new Map([...json].map(([id, text]) => [id, sha256(text)]));
  return {
    ids: [...json.keys()].sort(),
    hash: (id) => keys.get(id) ?? '',
    load: (id) => {
      loads++;
      return JSON.parse(json.get(id) ?? '{}') as DocumentJson;
    },
    loads: () => loads,
  };
}

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

interface Step {
  step: string;
  ms: number;
  cpuMs: number;
  parts: Record<string, number>;
  rendered: number;
  removed: number;
  loaded: number;
}

function time(label: string, out: string, ledger: Ledger, json: Map<string, string>): Step {
  const src = runnerSource(json);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = writeReport(out, ledger, src);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { step: label, ms, cpuMs: (cpu.user + cpu.system) / 1000, parts: r.ms, rendered: r.rendered.length, removed: r.removed.length, loaded: src.loads() };
}

function scenario(name: string, base: Map<string, string>, ledgerOf: (json: Map<string, string>) => Ledger, extra: DocumentJson): { name: string; docs: number; steps: Step[]; indexBytes: number; mdBytes: number; pagesBytes: number; manifestBytes: number; ledgerMs: number[] } {
  const out = mkdtempSync(path.join(tmpdir(), 'report-bench-'));
  const steps: Step[] = [];
  const ledgerMs: number[] = [];
  const ledger = (json: Map<string, string>): Ledger => {
    const t0 = performance.now();
    const l = ledgerOf(json);
    ledgerMs.push(performance.now() - t0);
    return l;
  };
  const l0 = ledger(base);
  steps.push(time('full (no manifest)', out, l0, base));
  steps.push(time('nothing changed', out, l0, base));
  const ids = [...base.keys()].sort();
  const victim = ids[Math.floor(ids.length / 2)] as string;
  const changed = new Map(base);
  const doc = JSON.parse(base.get(victim) as string) as DocumentJson;
  doc.meta.authors = [...doc.meta.authors, 'A. N. Editor'];
  changed.set(victim, JSON.stringify(doc));
  steps.push(time('one document changed', out, ledger(changed), changed));
  const added = new Map(changed);
  added.set(extra.id, JSON.stringify(extra));
  steps.push(time('one document added', out, ledger(added), added));
  const removed = new Map(added);
  removed.delete(victim);
  steps.push(time('one document removed', out, ledger(removed), removed));
  const res = {
    name,
    docs: base.size,
    steps,
    indexBytes: statSync(path.join(out, 'report.html')).size,
    mdBytes: statSync(path.join(out, 'report.md')).size,
    pagesBytes: dirBytes(path.join(out, 'report', 'docs')),
    manifestBytes: statSync(path.join(out, 'report', 'manifest.json')).size,
    ledgerMs,
  };
  rmSync(out, { recursive: true, force: true });
  return res;
}

/**
 * A copy of a document under a new id: ids re-derived, claim dates and
 * figures varied by `k`. Documents are grouped in stories of STORY documents:
 * actor ids are suffixed with the story, so claims meet (corroborate or
 * disagree) within a story only, as articles on different events mostly do.
 */
const STORY = 4;
function variant(doc: DocumentJson, id: string, k: number): DocumentJson {
  const d = structuredClone(doc);
  const story = Math.floor(k / STORY);
  const actor = (a: string): string => `${a}~${story}`;
  d.id = id;
  d.source = `${id}.txt`;
  const mentionIds = new Map<string, string>();
  for (const m of d.mentions) {
    const nid = stableId(id, m.type, m.start, m.end, m.text);
    mentionIds.set(m.id, nid);
    m.id = nid;
    if (m.type === 'actor') m.actorId = actor(m.actorId);
  }
  d.claims.forEach((c, i) => {
    c.id = stableId(id, 'claim', c.start, c.end, c.quote);
    c.docId = id;
    c.subject = actor(c.subject);
    if (c.object?.actorId) c.object.actorId = actor(c.object.actorId);
    if (c.attributedTo) c.attributedTo = actor(c.attributedTo);
    c.mentionIds = c.mentionIds.map((m) => mentionIds.get(m) ?? m);
    if (c.value) {
      c.value.mentionId = mentionIds.get(c.value.mentionId) ?? c.value.mentionId;
      if ((k + i) % 7 === 0) c.value.value = c.value.value + 1 + ((k + i) % 5);
    }
    // Dates: one of 24 months (the same within a story for most claims), so claims meet and sometimes disagree.
    const month = ((k % 3 === 0 ? k : story) * 7 + i * 3) % 24;
    c.time = { value: `${1997 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`, basis: c.time.basis };
  });
  d.meta.title = `${d.meta.title ?? 'Untitled'} (${k})`;
  return d;
}

function seedsOutput(): string {
  const dir = arg('--out');
  if (dir && existsSync(path.join(dir, 'ledger.json'))) return dir;
  const out = mkdtempSync(path.join(tmpdir(), 'report-bench-seeds-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/main.ts', 'run', '-i', 'corpus', '-o', out, '--no-progress'], { stdio: 'inherit' });
  return out;
}

function main(): number {
  const n = Number(arg('--docs') ?? 2000);
  const seedsDir = seedsOutput();
  const docsDir = path.join(seedsDir, 'documents');
  const seedJson = new Map(
    readdirSync(docsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [path.basename(f, '.json'), readFileSync(path.join(docsDir, f), 'utf8')] as [string, string]),
  );
  const seeds = [...seedJson.values()].map((t) => JSON.parse(t) as DocumentJson);
  const seedLedger = readLedger(path.join(seedsDir, 'ledger.json'));
  const parseAll = (json: Map<string, string>): DocumentJson[] => [...json.values()].map((t) => JSON.parse(t) as DocumentJson);
  const results = [
    scenario('seeds', seedJson, (json) => (json === seedJson ? seedLedger : buildLedger(parseAll(json))), variant(seeds[0] as DocumentJson, 'zz-added', 9999)),
  ];
  const synth = new Map<string, string>();
  for (let k = 0; k < n; k++) {
    const d = variant(seeds[k % seeds.length] as DocumentJson, `synth-${String(k).padStart(5, '0')}`, k);
    synth.set(d.id, JSON.stringify(d));
  }
  results.push(scenario(`synthetic ${n}`, synth, (json) => buildLedger(parseAll(json)), variant(seeds[1] as DocumentJson, 'zz-added', n - 1)));

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return 0;
  }
  const mb = (b: number): string => `${(b / 1e6).toFixed(2)} MB`;
  for (const r of results) {
    console.log(`\n${r.name}: ${r.docs} documents; index report.html ${mb(r.indexBytes)}, report.md ${mb(r.mdBytes)}, pages ${mb(r.pagesBytes)} (${mb(r.pagesBytes / r.docs)} each), manifest ${mb(r.manifestBytes)}`);
    for (const s of r.steps) {
      const parts = Object.entries(s.parts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      console.log(`  ${s.step.padEnd(24)} ${s.ms.toFixed(0).padStart(7)} ms wall, ${s.cpuMs.toFixed(0).padStart(7)} ms CPU (${parts})   pages rendered ${s.rendered}, removed ${s.removed}, documents loaded ${s.loaded}`);
    }
  }
  console.log('\nNote: timings on a shared machine are noisy; the ledger builds are not included.');
  return 0;
}

process.exitCode = main();
