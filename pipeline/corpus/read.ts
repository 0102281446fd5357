/**
 * Reading the corpus folder into Docs, hardened: size limit (checked before
 * reading), encodings (see decode.ts), binary and empty files, and the corpus
 * manifest. A file that cannot become text gives a Doc with a fatal message
 * (ruleId from the catalogue) and empty raw text, so the runner skips it,
 * says why, and goes on with the batch.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createDoc, type Doc } from '../core/doc.ts';
import { sha256 } from '../core/ids.ts';
import { message } from '../core/messages.ts';
import { decodeBytes } from './decode.ts';
import { loadCorpusManifest, manifestMeta } from './manifest.ts';

export interface ReadOptions {
  /** Only these document ids (file names without extension). */
  select?: readonly string[];
}

export interface ReadFileOptions {
  /** Files larger than this are refused (`input/too-large`). Default 20 MB, or $CLAIMS_MAX_BYTES. */
  maxBytes?: number;
  /** Apply the folder's manifest (default true). */
  manifest?: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const CORPUS_EXTENSIONS = ['.txt', '.md'];
const STAGE = 'read';

export function maxBytesDefault(): number {
  const env = Number(process.env['CLAIMS_MAX_BYTES']);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_MAX_BYTES;
}

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

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function readCorpusFile(dir: string, file: string, opts: ReadFileOptions = {}): Doc {
  const full = path.join(dir, file);
  const maxBytes = opts.maxBytes ?? maxBytesDefault();
  const doc = createDoc(docIdOf(file), file, '');
  if (opts.manifest !== false) applyCorpusManifest(doc, dir);
  let size: number;
  try {
    size = statSync(full).size;
  } catch (err) {
    message(doc, 'input/unreadable', STAGE, `${file} could not be read: ${(err as Error).message}`);
    return doc;
  }
  if (size > maxBytes) {
    message(doc, 'input/too-large', STAGE, `${file} is ${mb(size)}, over the ${mb(maxBytes)} limit (raise it with CLAIMS_MAX_BYTES)`);
    return doc;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (err) {
    message(doc, 'input/unreadable', STAGE, `${file} could not be read: ${(err as Error).message}`);
    return doc;
  }
  doc.sourceHash = sha256(bytes);
  return decodeInto(doc, bytes);
}

/** Decode bytes onto a doc (also used for stdin and tests). */
export function decodeInto(doc: Doc, bytes: Uint8Array): Doc {
  if (bytes.length === 0) {
    message(doc, 'input/empty', STAGE, `${doc.source} is empty (0 bytes)`);
    return doc;
  }
  const d = decodeBytes(bytes);
  if (!d.ok) {
    message(doc, d.ruleId, STAGE, `${doc.source}: ${d.reason}`);
    return doc;
  }
  if (d.warning) message(doc, d.warning.ruleId, STAGE, `${doc.source}: ${d.warning.reason}`);
  if (d.text.trim() === '') {
    message(doc, 'input/empty', STAGE, `${doc.source} holds only whitespace`);
    return doc;
  }
  doc.raw = d.text;
  return doc;
}

function applyCorpusManifest(doc: Doc, dir: string): void {
  const m = loadCorpusManifest(dir);
  for (const p of m.problems) message(doc, 'manifest/invalid', STAGE, p);
  const entry = m.entries.get(doc.id);
  if (entry && m.file) doc.meta = manifestMeta(doc.meta, entry, m.file);
}
