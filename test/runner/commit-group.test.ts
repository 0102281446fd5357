import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../pipeline/store/db.ts';
import { CommitGroup } from '../../pipeline/runner/commit-group.ts';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function storeFile(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'commit-group-'));
  dirs.push(d);
  return path.join(d, 'ledger.sqlite');
}

/** What another connection (an analyst's, or the next run's) sees in the cache table. */
function committedIds(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT doc_id FROM cache ORDER BY doc_id').all() as { doc_id: string }[]).map((r) => r.doc_id);
  } finally {
    db.close();
  }
}

describe('CommitGroup', () => {
  it('commits every maxDocs documents, and the rest on flush', () => {
    const file = storeFile();
    const store = Store.open(file);
    const commits: number[] = [];
    const group = new CommitGroup(store, 3, 0, () => commits.push(committedIds(file).length));
    for (const id of ['a', 'b']) group.add(() => store.putSkipped(id, `k-${id}`, ['input/empty']));
    expect(committedIds(file)).toEqual([]);
    group.add(() => store.putSkipped('c', 'k-c', ['input/empty']));
    expect(committedIds(file)).toEqual(['a', 'b', 'c']);
    group.add(() => store.putSkipped('d', 'k-d', ['input/empty']));
    expect(committedIds(file)).toEqual(['a', 'b', 'c']);
    group.flush();
    expect(committedIds(file)).toEqual(['a', 'b', 'c', 'd']);
    group.flush();
    // Only the flush outside add() is timed apart: the commit add() ran is inside its caller's time.
    expect(commits).toEqual([4]);
    store.close();
  });

  it('commits an open group after maxMs without waiting for more documents', async () => {
    const file = storeFile();
    const store = Store.open(file);
    const group = new CommitGroup(store, 100, 20);
    group.add(() => store.putSkipped('a', 'k-a', ['input/empty']));
    expect(committedIds(file)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(committedIds(file)).toEqual(['a']);
    store.close();
  });

  it('keeps a document all-or-nothing: one that fails mid-write leaves no rows, the others in its group commit', () => {
    const file = storeFile();
    const store = Store.open(file);
    const group = new CommitGroup(store, 10, 0);
    group.add(() => store.putSkipped('a', 'k-a', ['input/empty']));
    expect(() =>
      group.add(() =>
        store.db
          .transaction(() => {
            store.putSkipped('b', 'k-b', ['input/empty']);
            throw new Error('disk trouble half-way through b');
          })
          .immediate(),
      ),
    ).toThrow(/half-way/);
    group.add(() => store.putSkipped('c', 'k-c', ['input/empty']));
    group.flush();
    expect(committedIds(file)).toEqual(['a', 'c']);
    store.close();
  });

  it('loses only the open group when the process dies before it commits (the next run redoes those documents)', () => {
    const file = storeFile();
    const first = Store.open(file);
    const group = new CommitGroup(first, 2, 0);
    for (const id of ['a', 'b', 'c']) group.add(() => first.putSkipped(id, `k-${id}`, ['input/empty']));
    // A hard kill: the connection goes away with 'c' written but not committed.
    first.db.close();
    expect(committedIds(file)).toEqual(['a', 'b']);
    const next = Store.open(file);
    expect([...next.cacheMap().keys()].sort()).toEqual(['a', 'b']);
    next.close();
  });
});
