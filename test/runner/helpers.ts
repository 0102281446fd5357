/** Temp corpus and output folders for the runner's tests, built from test/fixtures/runner. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'runner');
export const WORKER_FILE = path.join(FIXTURES, 'worker.ts');

export interface Sandbox {
  root: string;
  input: string;
  output: string;
  lexicon: string;
}

const roots: string[] = [];

/** Remove the sandboxes made so far (each test file calls it in afterAll). */
export function removeSandboxes(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

/** A fresh corpus copy and an empty output folder; the lexicon path goes in RUNNER_TEST_LEXICON. */
export function sandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'runner-test-'));
  roots.push(root);
  const input = path.join(root, 'corpus');
  cpSync(path.join(FIXTURES, 'corpus'), input, { recursive: true });
  const lexicon = path.join(root, 'lexicon.txt');
  cpSync(path.join(FIXTURES, 'lexicon.txt'), lexicon);
  process.env['RUNNER_TEST_LEXICON'] = lexicon;
  return { root, input, output: path.join(root, 'out'), lexicon };
}

/** Every exported document file, name → content. */
export function exports(output: string): Record<string, string> {
  const dir = path.join(output, 'documents');
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(path.join(dir, f), 'utf8');
  return out;
}

/** The report: index (Markdown and HTML) and every document's page. */
export function reportFiles(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['report.md', 'report.html']) out[f] = readFileSync(path.join(output, f), 'utf8');
  const docs = path.join(output, 'report', 'docs');
  for (const f of readdirSync(docs).sort()) out[`report/docs/${f}`] = readFileSync(path.join(docs, f), 'utf8');
  return out;
}

/**
 * The store's content that must not depend on how it was made: no run ids, no
 * timings, and no cache keys (they hash the lexicon's path, which differs per sandbox).
 */
const TABLES = ['documents', 'mentions', 'claims', 'cache', 'ledger_entries', 'entry_sources', 'disagreements'] as const;

export function storeContent(output: string): Record<(typeof TABLES)[number], unknown[]> {
  const db = new Database(path.join(output, 'ledger.sqlite'), { readonly: true });
  try {
    return {
      documents: db.prepare('SELECT id, source, source_hash, title, published, words, json FROM documents ORDER BY id').all(),
      mentions: db.prepare('SELECT * FROM mentions ORDER BY doc_id, id').all(),
      claims: db.prepare('SELECT * FROM claims ORDER BY doc_id, id').all(),
      cache: db.prepare('SELECT doc_id, status, reasons FROM cache ORDER BY doc_id').all(),
      ledger_entries: db.prepare('SELECT * FROM ledger_entries ORDER BY id').all(),
      entry_sources: db.prepare('SELECT * FROM entry_sources ORDER BY entry_id, doc_id, claim_id').all(),
      disagreements: db.prepare('SELECT * FROM disagreements ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

export function write(file: string, text: string): void {
  writeFileSync(file, text);
}
