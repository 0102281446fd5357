/**
 * Loading rule data (gazetteers, lexicons, cue lists) from YAML or JSON files,
 * validated by a zod schema. A bad file fails loudly, naming the file and the
 * path inside it: rules are reviewed like code and must not half-load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { z } from 'zod';
import { writeDerivedFile } from './fs-atomic.ts';
import { sha256 } from './ids.ts';

/** Folder of the English language data (pipeline/lang/en). */
export const LANG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'lang', 'en');

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataFileError';
  }
}

/**
 * Parsed YAML kept as JSON, keyed by the hash of the YAML text. The yaml package
 * takes about 0.5 s of CPU to parse the rule files that JSON.parse reads in 10 ms,
 * and every worker thread of every run pays it; the data files are reviewed as
 * YAML, so they stay YAML and the JSON is only ever a cache. A key is the text's
 * content hash, so an edited file can never be read from a stale entry. Entries
 * are held in memory (per thread) and on disk under node_modules/.cache (shared
 * by runs); CLAIMS_DATA_CACHE=off turns both off, CLAIMS_DATA_CACHE=<dir> moves
 * the disk cache. A missing, unwritable or corrupt cache only costs the parse.
 */
const parsedJson = new Map<string, string>();
const CACHE_FORMAT = '1';

/** Drop this thread's in-memory entries (tests; the disk cache stays). */
export function forgetParsedData(): void {
  parsedJson.clear();
}

function dataCacheDir(): string | null {
  const env = process.env['CLAIMS_DATA_CACHE'];
  if (env === 'off') return null;
  if (env) return env;
  try {
    // Beside the compiled worker's cache: the node_modules the yaml package is installed in.
    const yamlPath = createRequire(import.meta.url).resolve('yaml');
    const at = yamlPath.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    return at < 0 ? null : path.join(yamlPath.slice(0, at), 'node_modules', '.cache', 'claims-pipeline', 'data');
  } catch {
    return null;
  }
}

function parseYaml(text: string): unknown {
  if (process.env['CLAIMS_DATA_CACHE'] === 'off') return YAML.parse(text);
  const key = sha256(`${CACHE_FORMAT}\u0000${text}`);
  let json = parsedJson.get(key);
  const dir = json === undefined ? dataCacheDir() : null;
  const file = dir ? path.join(dir, `${key}.json`) : null;
  if (json === undefined && file && existsSync(file)) {
    try {
      const cached = readFileSync(file, 'utf8');
      JSON.parse(cached); // a corrupt entry falls through to the parse below
      json = cached;
    } catch {
      json = undefined;
    }
  }
  if (json === undefined) {
    const value: unknown = YAML.parse(text);
    json = JSON.stringify(value);
    // Only values that survive JSON unchanged may be served from it (no Infinity, no undefined in arrays).
    if (!isDeepStrictEqual(value, JSON.parse(json))) return value;
    if (file) {
      try {
        writeDerivedFile(file, json);
      } catch {
        // read-only node_modules: the memory cache still serves this thread
      }
    }
  }
  parsedJson.set(key, json);
  // A fresh object per caller: compiled tables must never share mutable state.
  return JSON.parse(json);
}

export function parseDataText(file: string, text: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new DataFileError(file, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
}

export function validateData<T extends z.ZodType>(file: string, value: unknown, schema: T): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new DataFileError(file, `fails its schema: ${first}`);
  }
  return result.data;
}

/** Load and validate a data file; `name` is relative to pipeline/lang/en unless absolute. */
export function loadData<T extends z.ZodType>(name: string, schema: T): z.infer<T> {
  const file = path.isAbsolute(name) ? name : path.join(LANG_DIR, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DataFileError(file, `cannot be read: ${(err as Error).message}`);
  }
  return validateData(file, parseDataText(file, text), schema);
}

/** Hash of data files' contents: part of a stage's cache key, so a changed lexicon re-runs what depends on it. */
export function dataFilesHash(names: readonly string[]): string {
  return sha256(
    names
      .map((n) => {
        const file = path.isAbsolute(n) ? n : path.join(LANG_DIR, n);
        return `${n}\u0000${readFileSync(file, 'utf8')}`;
      })
      .join('\u0001'),
  );
}
