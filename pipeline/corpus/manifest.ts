/**
 * The corpus manifest: `manifest.json`, `manifest.yaml` or `manifest.yml` in the
 * corpus folder, giving per document id what is known from outside the text.
 * What it gives overrides what the normalise stage detects (the reader puts it
 * on `doc.meta` first; normalise only fills what is still empty).
 *
 *   # manifest.yaml
 *   000_b8d52b076cb6ca38:
 *     title: Lukashenko’s Western Flirtation
 *     authors: [Maksim Samorukov]
 *     outlet: Carnegie
 *     url: https://example.org/…
 *     published: 2015-10-14      # YYYY, YYYY-MM or YYYY-MM-DD
 *
 * A JSON array of entries with an `id` field is accepted too. A manifest that
 * fails its schema is reported (`manifest/invalid`, naming the file and the
 * problem) and the batch goes on without it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { DocMeta } from '../core/schema.ts';

export const MANIFEST_NAMES = ['manifest.json', 'manifest.yaml', 'manifest.yml'];

const Iso = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');

export const ManifestEntrySchema = z
  .object({
    title: z.string().min(1).optional(),
    authors: z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1))]).optional(),
    outlet: z.string().min(1).optional(),
    url: z.url().optional(),
    // YAML reads an unquoted 2015-10-14 as a Date: accept it and turn it back into ISO.
    published: z.union([Iso, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
  })
  .strict();

export const CorpusManifestSchema = z.union([
  z.record(z.string().min(1), ManifestEntrySchema),
  z.array(ManifestEntrySchema.extend({ id: z.string().min(1) }).strict()).transform((rows) => Object.fromEntries(rows.map(({ id, ...e }) => [id, e]))),
]);

export type CorpusManifestEntry = z.infer<typeof ManifestEntrySchema>;

export interface LoadedManifest {
  /** The manifest file, relative to the corpus folder, or null when there is none. */
  file: string | null;
  entries: Map<string, CorpusManifestEntry>;
  /** Why the manifest was not used (empty when it was, or when there is none). */
  problems: string[];
}

const cache = new Map<string, { key: string; value: LoadedManifest }>();

export function parseCorpusManifest(file: string, text: string): LoadedManifest {
  const name = path.basename(file);
  let value: unknown;
  try {
    value = name.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    return { file: name, entries: new Map(), problems: [`${name} is not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`] };
  }
  const r = CorpusManifestSchema.safeParse(value ?? {});
  if (!r.success) {
    const issues = r.error.issues.flatMap((i) => ('errors' in i && Array.isArray(i.errors) ? (i.errors as z.core.$ZodIssue[][]).flat() : [i]));
    const first = issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { file: name, entries: new Map(), problems: [`${name} fails its schema and is ignored: ${first}`] };
  }
  return { file: name, entries: new Map(Object.entries(r.data)), problems: [] };
}

/** The manifest of a corpus folder (cached per folder while the file is unchanged). */
export function loadCorpusManifest(dir: string): LoadedManifest {
  const name = MANIFEST_NAMES.find((n) => existsSync(path.join(dir, n)));
  if (!name) return { file: null, entries: new Map(), problems: [] };
  const file = path.join(dir, name);
  const st = statSync(file);
  const key = `${file}\u0000${st.mtimeMs}\u0000${st.size}`;
  const hit = cache.get(path.resolve(dir));
  if (hit && hit.key === key) return hit.value;
  let value: LoadedManifest;
  try {
    value = parseCorpusManifest(file, readFileSync(file, 'utf8'));
  } catch (err) {
    value = { file: name, entries: new Map(), problems: [`${name} cannot be read: ${(err as Error).message}`] };
  }
  cache.set(path.resolve(dir), { key, value });
  return value;
}

/** Put a manifest entry on a doc's meta: the fields it gives win over detection. */
export function manifestMeta(meta: DocMeta, entry: CorpusManifestEntry, file: string): DocMeta {
  const out: DocMeta = { ...meta };
  if (entry.title !== undefined) out.title = entry.title;
  if (entry.authors !== undefined) out.authors = entry.authors;
  if (entry.outlet !== undefined) out.outlet = entry.outlet;
  if (entry.url !== undefined) out.url = entry.url;
  if (entry.published !== undefined) {
    out.published = entry.published;
    out.publishedBasis = 'manifest';
    out.publishedEvidence = `${file}: published ${entry.published}`;
    out.confidence = 1;
  }
  return out;
}
