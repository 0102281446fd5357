/**
 * Bringing annotations/ up to date with out/: a draft file for each new
 * document, a merge for each existing one. A broken file is reported (file,
 * line, problem) and left untouched; the other documents go on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AnnotationFileError, parseAnnotations, readAnnotations, serialiseAnnotations, writeAnnotations } from './format.ts';
import { draftFile, itemsFromDocument, readDocument, readLedgerDisagreements, type LedgerDisagreement } from './items.ts';
import { mergeAnnotations, type MergeStats } from './merge.ts';
import { isSafeDocId } from './schema.ts';

export interface UpdateReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  stats: Record<string, MergeStats>;
  errors: { id: string; file: string; line: number; problem: string }[];
}

export function annotationPath(annotationsDir: string, id: string): string {
  if (!isSafeDocId(id)) throw new Error(`not a valid document id: ${JSON.stringify(id)}`);
  return path.join(annotationsDir, `${id}.json`);
}

/** Ids of the documents in out/documents. */
export function outputIds(outDir: string): string[] {
  const dir = path.join(outDir, 'documents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .filter(isSafeDocId)
    .sort();
}

/** Ids that have an annotation file. */
export function annotatedIds(annotationsDir: string): string[] {
  if (!existsSync(annotationsDir)) return [];
  return readdirSync(annotationsDir)
    .filter((f) => f.endsWith('.json') && f !== 'thresholds.json')
    .map((f) => f.slice(0, -5))
    .filter(isSafeDocId)
    .sort();
}

/**
 * Create or merge annotations/<id>.json for each document in out/documents
 * (or only `ids`). The runner calls this after a run.
 */
export function updateAnnotations(outDir: string, annotationsDir: string, ids?: readonly string[], opts: { pruneDrafts?: boolean } = {}): UpdateReport {
  const report: UpdateReport = { created: [], updated: [], unchanged: [], stats: {}, errors: [] };
  let ledger: LedgerDisagreement[] = [];
  try {
    ledger = readLedgerDisagreements(outDir);
  } catch (err) {
    report.errors.push({ id: '(ledger)', file: path.join(outDir, 'ledger.json'), line: 1, problem: (err as Error).message });
  }
  for (const id of ids ?? outputIds(outDir)) {
    const target = annotationPath(annotationsDir, id);
    try {
      const doc = readDocument(outDir, id);
      if (!existsSync(target)) {
        writeAnnotations(target, draftFile(doc, ledger));
        report.created.push(id);
        continue;
      }
      const before = readFileSync(target, 'utf8');
      const { file } = readAnnotations(target);
      if (file.docId !== id) throw new AnnotationFileError(target, 3, `docId is ${JSON.stringify(file.docId)} but the file is named for ${JSON.stringify(id)}`);
      const merged = mergeAnnotations(file, doc, itemsFromDocument(doc, ledger), opts);
      report.stats[id] = merged.stats;
      if (serialiseAnnotations(merged.file) === before) {
        report.unchanged.push(id);
        continue;
      }
      // Never write a file that would not read back (e.g. a merge bug giving two items one id).
      parseAnnotations(target, serialiseAnnotations(merged.file));
      writeAnnotations(target, merged.file);
      report.updated.push(id);
    } catch (err) {
      if (err instanceof AnnotationFileError) report.errors.push({ id, file: err.file, line: err.line, problem: err.problem });
      else report.errors.push({ id, file: target, line: 1, problem: (err as Error).message });
    }
  }
  return report;
}
