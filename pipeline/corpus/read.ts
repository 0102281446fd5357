/**
 * Reading the corpus folder into Docs. (First version: UTF-8 only; the
 * normalise issue hardens it: encodings, binary, size limits, manifest.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDoc, type Doc } from '../core/doc.ts';
import { sha256 } from '../core/ids.ts';

export interface ReadOptions {
  /** Only these document ids (file names without extension). */
  select?: readonly string[];
}

export const CORPUS_EXTENSIONS = ['.txt', '.md'];

export function listCorpus(dir: string, opts: ReadOptions = {}): string[] {
  const files = readdirSync(dir)
    .filter((f) => CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase()))
    .sort();
  if (!opts.select || opts.select.length === 0) return files;
  const want = new Set(opts.select);
  return files.filter((f) => want.has(docIdOf(f)));
}

export function docIdOf(file: string): string {
  return path.basename(file, path.extname(file));
}

export function readCorpusFile(dir: string, file: string): Doc {
  const bytes = readFileSync(path.join(dir, file));
  const doc = createDoc(docIdOf(file), file, bytes.toString('utf8'));
  doc.sourceHash = sha256(bytes);
  return doc;
}
