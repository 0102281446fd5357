/**
 * Reading and writing annotation files.
 *
 * Writing: JSON, but laid out by hand so that each item takes a few lines with
 * its keys in a fixed order (JSON.stringify with an indent gives one line per
 * key and nested value, which makes review diffs long and noisy).
 *
 * Reading: a broken or hand-mangled file gives an AnnotationFileError naming
 * the file, the line and the problem; the file is never touched. Lines come
 * from the JSON parse error's position, or, for a schema problem, from the
 * zod issue path located in the text with the `yaml` parser (JSON is YAML, and
 * its nodes carry source ranges), so no JSON tokenizer is hand-written here.
 */
import { readFileSync } from 'node:fs';
import YAML, { LineCounter } from 'yaml';
import { writeFileAtomic } from '../core/fs-atomic.ts';
import { sha256 } from '../core/ids.ts';
import { AnnotationFileSchema, compareItems, type AnnotationFile, type AnnotationItem } from './schema.ts';

export class AnnotationFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'AnnotationFileError';
  }
}

const ITEM_LINES: readonly (readonly string[])[] = [
  ['id', 'type', 'start', 'end', 'text'],
  ['status', 'corrected', 'note', 'reviewer', 'reviewedAt'],
  ['origin', 'latest', 'anchor', 'previousIds'],
  ['context'],
  ['output'],
];
const KNOWN_ITEM_KEYS = new Set(ITEM_LINES.flat());

/** JSON with object keys sorted, on one line: stable whatever order the producer used. */
function compact(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

function serialiseItem(item: AnnotationItem): string {
  const rec = item as unknown as Record<string, unknown>;
  const lines: string[] = [];
  for (const keys of ITEM_LINES) {
    const parts = keys.filter((k) => rec[k] !== undefined).map((k) => `${JSON.stringify(k)}: ${k === 'text' || k === 'id' ? JSON.stringify(rec[k]) : compact(rec[k])}`);
    if (parts.length) lines.push(`      ${parts.join(', ')}`);
  }
  // Keys the schema does not know cannot get here (strict schema), but keep the writer total.
  for (const k of Object.keys(rec).sort()) if (!KNOWN_ITEM_KEYS.has(k) && rec[k] !== undefined) lines.push(`      ${JSON.stringify(k)}: ${compact(rec[k])}`);
  return `    {\n${lines.join(',\n')}\n    }`;
}

/** The file's text: stable key order, items sorted by start, type, id, a few lines each. */
export function serialiseAnnotations(file: AnnotationFile): string {
  const items = [...file.items].sort(compareItems);
  const head = [
    `  "format": ${JSON.stringify(file.format)}`,
    `  "docId": ${JSON.stringify(file.docId)}`,
    `  "source": ${JSON.stringify(file.source)}`,
    `  "textHash": ${JSON.stringify(file.textHash)}`,
  ];
  const body = items.length ? `[\n${items.map(serialiseItem).join(',\n')}\n  ]` : '[]';
  return `{\n${head.join(',\n')},\n  "items": ${body}\n}\n`;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Where the JSON parser stopped: V8 says "at position N" (and newer ones "line L column C"). */
function parseErrorLine(text: string, message: string): number {
  const lc = /line (\d+) column \d+/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /at position (\d+)/.exec(message);
  if (pos) return lineOf(text, Number(pos[1]));
  if (/Unexpected end of JSON input/.test(message)) return lineOf(text, text.length);
  return 1;
}

/** Line of the value at `path` (or of its nearest existing ancestor). */
function pathLine(text: string, path: readonly PropertyKey[]): number {
  try {
    const lc = new LineCounter();
    const doc = YAML.parseDocument(text, { lineCounter: lc });
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) return lc.linePos(node.range[0]).line;
    }
  } catch {
    // fall through: the whole file
  }
  return 1;
}

/** Parse and validate an annotation file's text; throws AnnotationFileError with a line. */
export function parseAnnotations(file: string, text: string): AnnotationFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    throw new AnnotationFileError(file, parseErrorLine(text, msg), `not valid JSON: ${msg}`);
  }
  const result = AnnotationFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(root)';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
    throw new AnnotationFileError(file, pathLine(text, issue.path), `fails the annotation schema at ${where}: ${issue.message}${more}`);
  }
  const ids = new Set<string>();
  for (const [i, item] of result.data.items.entries()) {
    if (ids.has(item.id)) throw new AnnotationFileError(file, pathLine(text, ['items', i, 'id']), `duplicate item id ${item.id}`);
    ids.add(item.id);
  }
  return result.data;
}

export interface LoadedAnnotations {
  file: AnnotationFile;
  /** sha256 of the bytes read: the version a page or command must present to write. */
  version: string;
}

export function readAnnotations(path: string): LoadedAnnotations {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AnnotationFileError(path, 1, `cannot be read: ${(err as Error).message}`);
  }
  return { file: parseAnnotations(path, text), version: sha256(text) };
}

/** Validate, serialise and write atomically; returns the new version. */
export function writeAnnotations(path: string, file: AnnotationFile): string {
  const checked = AnnotationFileSchema.parse(file);
  const text = serialiseAnnotations(checked);
  writeFileAtomic(path, text);
  return sha256(text);
}
