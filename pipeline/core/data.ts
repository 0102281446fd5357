/**
 * Loading rule data (gazetteers, lexicons, cue lists) from YAML or JSON files,
 * validated by a zod schema. A bad file fails loudly, naming the file and the
 * path inside it: rules are reviewed like code and must not half-load.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { z } from 'zod';
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

export function parseDataText(file: string, text: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
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
