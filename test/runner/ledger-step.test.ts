import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../pipeline/core/schema.ts';
import { buildLedger, readLedger, type Ledger } from '../../pipeline/ledger/index.ts';
import { dropLiveLedgers } from '../../pipeline/runner/ledger-step.ts';
import { runPipeline } from '../../pipeline/runner/run.ts';
import { DOC_STAGES as TEST_STAGES } from '../fixtures/runner/stages.ts';
import { sandbox, type Sandbox, removeSandboxes } from './helpers.ts';

const quiet = { log: () => {} };

/** The full rebuild, by an independent path: every exported document file through buildLedger. */
function fullRebuild(output: string): Ledger {
  const dir = path.join(output, 'documents');
  const docs = readdirSync(dir)
    .sort()
    .map((f) => DocumentSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
  return buildLedger(docs);
}

function storedLedger(output: string): { entries: unknown[]; disagreements: unknown[]; sources: unknown[] } {
  const db = new Database(path.join(output, 'ledger.sqlite'), { readonly: true });
  try {
    return {
      entries: (db.prepare('SELECT json FROM ledger_entries ORDER BY id').all() as { json: string }[]).map((r) => JSON.parse(r.json)),
      disagreements: (db.prepare('SELECT json FROM disagreements ORDER BY id').all() as { json: string }[]).map((r) => JSON.parse(r.json)),
      sources: db.prepare('SELECT entry_id, doc_id, claim_id FROM entry_sources ORDER BY entry_id, doc_id, claim_id').all(),
    };
  } finally {
    db.close();
  }
}

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function expectMatchesFullRebuild(sb: Sandbox): Ledger {
  const full = fullRebuild(sb.output);
  expect(readLedger(path.join(sb.output, 'ledger.json'))).toEqual(full);
  const stored = storedLedger(sb.output);
  expect(stored.entries).toEqual(byId(full.entries));
  expect(stored.disagreements).toEqual(byId(full.disagreements));
  expect(stored.sources).toEqual(
    full.entries
      .flatMap((e) => e.supports.map((s) => ({ entry_id: e.id, doc_id: s.docId, claim_id: s.claimId })))
      .sort((a, b) => `${a.entry_id} ${a.doc_id} ${a.claim_id}`.localeCompare(`${b.entry_id} ${b.doc_id} ${b.claim_id}`)),
  );
  return full;
}

/** Edit one article, add one, remove one. */
function change(sb: Sandbox): void {
  writeFileSync(path.join(sb.input, 'a3.txt'), 'Maria Lindqvist visited the harbour on Friday. Tomas Berg released the audit.\n');
  writeFileSync(path.join(sb.input, 'b1.txt'), 'The Harbour Authority imposed new fees on cargo ships. Maria Lindqvist visited Oslo.\n');
  rmSync(path.join(sb.input, 'a2.txt'));
}

afterAll(removeSandboxes);

describe('ledger step', () => {
  beforeEach(() => dropLiveLedgers());

  it('updated incrementally from the changed documents gives the same ledger as a full rebuild, in ledger.json and in the store', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    const first = runPipeline(base);
    expect(first.steps.ledger).toMatchObject({ mode: 'full', added: 4 });
    const before = expectMatchesFullRebuild(sb);
    expect(before.entries.length).toBeGreaterThan(0);
    expect(before.entries.some((e) => e.sourceCount > 1)).toBe(true);

    change(sb);
    const second = runPipeline(base);
    expect(second.extracted).toBe(2);
    expect(second.steps.ledger).toMatchObject({ mode: 'incremental', added: 2, removed: 2 });
    const after = expectMatchesFullRebuild(sb);
    expect(after).not.toEqual(before);
    expect(after.entries.flatMap((e) => e.supports.map((s) => s.docId))).not.toContain('a2');
  });

  it('in a new process (no live index) loads the store and gives the same ledger as a full rebuild', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    runPipeline(base);
    change(sb);
    dropLiveLedgers();
    expect(runPipeline(base).steps.ledger).toMatchObject({ mode: 'full' });
    expectMatchesFullRebuild(sb);
  });

  it('runs ledger then report after a change; does not run when no document changed; runs again when forced', () => {
    const sb = sandbox();
    const base = { input: sb.input, output: sb.output, stages: TEST_STAGES, ...quiet };
    expect(runPipeline(base).steps.ran).toEqual(['ledger', 'ledger-store', 'ledger-export', 'report']);
    expect(readFileSync(path.join(sb.output, 'report.md'), 'utf8')).toContain('Harbour Authority');
    const reportMtime = statSync(path.join(sb.output, 'report.html')).mtimeMs;
    expect(runPipeline(base).steps.ran).toEqual([]);
    expect(statSync(path.join(sb.output, 'report.html')).mtimeMs).toBe(reportMtime);
    const forced = runPipeline({ ...base, force: true });
    expect(forced.steps.ran).toContain('ledger');
    expect(forced.steps.ledger).toMatchObject({ mode: 'incremental', added: 0, removed: 0, entriesWritten: 0 });
    expectMatchesFullRebuild(sb);
  });
});
