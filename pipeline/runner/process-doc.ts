/**
 * One document through the per-document stages: read, run each stage (timed),
 * validate against DocumentSchema, write out/documents/<id>.json atomically (./export.ts).
 * The same function runs inline (small runs, tests) and in a piscina worker
 * thread (./worker.ts), so both paths give the same output.
 */
import path from 'node:path';
import { toJson, type Doc } from '../core/doc.ts';
import { writeExport } from './export.ts';
import { formatMessage, hasFatal, message } from '../core/messages.ts';
import { DocumentSchema, type DocumentJson } from '../core/schema.ts';
import { runStages, type Stage } from '../core/stage.ts';
import { docIdOf, readCorpusFile } from '../corpus/read.ts';

export interface DocTask {
  dir: string;
  file: string;
  outDir: string;
}

export interface DocResult {
  id: string;
  source: string;
  status: 'written' | 'skipped';
  /** ruleIds of the fatal messages, when skipped. */
  reasons: string[];
  /** Non-info messages, formatted for people. */
  log: string[];
  /** Milliseconds per stage. */
  stageMs: Record<string, number>;
  json?: DocumentJson;
}

/** A worker's task function over a fixed stage list (see ./worker.ts). */
export function taskHandler(stages: readonly Stage[]): (task: DocTask) => DocResult {
  return (task) => processDocument(task, stages);
}

export function processDocument(task: DocTask, stages: readonly Stage[]): DocResult {
  let doc: Doc;
  try {
    doc = readCorpusFile(task.dir, task.file);
  } catch (err) {
    const reason = `${path.join(task.dir, task.file)}: fatal input/unreadable: ${(err as Error).message}`;
    return { id: docIdOf(task.file), source: task.file, status: 'skipped', reasons: ['input/unreadable'], log: [reason], stageMs: {} };
  }
  const stageMs: Record<string, number> = {};
  let current = doc;
  for (const s of stages) {
    if (hasFatal(current)) break;
    const t0 = performance.now();
    current = runStages(current, [s]);
    stageMs[s.name] = performance.now() - t0;
  }
  const log = current.messages.filter((m) => m.severity !== 'info').map((m) => formatMessage(path.join(task.dir, task.file), m));
  const base = { id: current.id, source: task.file, log, stageMs };
  if (hasFatal(current)) {
    return { ...base, status: 'skipped', reasons: current.messages.filter((m) => m.severity === 'fatal').map((m) => m.ruleId) };
  }
  const t0 = performance.now();
  const parsed = DocumentSchema.safeParse(toJson(current));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const m = message(current, 'export/invalid', 'export', `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
    return { ...base, log: [...log, formatMessage(path.join(task.dir, task.file), m)], status: 'skipped', reasons: ['export/invalid'] };
  }
  const json = parsed.data;
  const t1 = performance.now();
  stageMs['validate'] = t1 - t0;
  writeExport(path.join(task.outDir, 'documents', `${json.id}.json`), `${JSON.stringify(json, null, 2)}\n`);
  stageMs['export'] = performance.now() - t1;
  return { ...base, status: 'written', reasons: [], json };
}
