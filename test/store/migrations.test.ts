import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate, openDb, schemaVersion } from '../../pipeline/store/db.ts';
import { MIGRATIONS } from '../../pipeline/store/migrations.ts';

const TABLES = ['cache', 'claims', 'disagreements', 'documents', 'entry_sources', 'entry_topics', 'ledger_entries', 'mentions', 'meta', 'runs'];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmpDb(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
  dirs.push(dir);
  return path.join(dir, 'ledger.sqlite');
}

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('apply to an empty database: every table, the latest version, WAL journal', () => {
    const db = openDb(tmpDb());
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(TABLES);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('upgrade an older database and keep its rows', () => {
    const file = tmpDb();
    const old = openDb(file, { upTo: 1 });
    expect(schemaVersion(old)).toBe(1);
    expect(tables(old)).not.toContain('ledger_entries');
    old.prepare("INSERT INTO runs (started, status, input, workers) VALUES ('2026-01-01T00:00:00Z', 'done', '/corpus', 2)").run();
    old.prepare("INSERT INTO cache (doc_id, cache_key, status, updated) VALUES ('a1', 'k1', 'written', '2026-01-01')").run();
    old.close();

    const db = openDb(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(TABLES);
    expect(columns(db, 'runs')).toEqual(expect.arrayContaining(['stage_ms', 'steps_ms', 'wall_ms']));
    expect(db.prepare('SELECT status, workers, stage_ms FROM runs').all()).toEqual([{ status: 'done', workers: 2, stage_ms: '{}' }]);
    expect(db.prepare('SELECT doc_id, cache_key FROM cache').all()).toEqual([{ doc_id: 'a1', cache_key: 'k1' }]);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuse a database made by a newer program', () => {
    const file = tmpDb();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDb(file)).toThrow(/newer than this program knows/);
  });

  it('roll back a failing migration whole, leaving the version where it was', () => {
    const file = tmpDb();
    const db = openDb(file, { upTo: 1 });
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE half (x); CREATE TABLE cache (y);' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});
