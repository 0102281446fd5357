/**
 * The embedded store (out/ledger.sqlite, better-sqlite3): documents, mentions,
 * claims, the cross-source ledger, the cache and the run history, so analysts
 * can query a batch with SQL. WAL journal (readers never block the writer),
 * a busy timeout for concurrent readers; each document's rows are all-or-nothing
 * (a batch run commits them a few dozen documents at a time: Store.beginGroup).
 * Schema and its history: ./migrations.ts.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DocumentJson } from '../core/schema.ts';
import { documentRows, type DocumentRows } from './rows.ts';

export { countWords, documentRows, type DocumentRows } from './rows.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply migrations only up to this version (tests of upgrading an older store). */
  upTo?: number;
  readonly?: boolean;
  /** Milliseconds a statement waits for another connection's lock before failing (default 10 s). */
  busyTimeoutMs?: number;
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (!opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is durable against a process crash (Ctrl-C), and only an OS crash can lose the last ones.
    db.pragma('synchronous = NORMAL');
    // Statement journals of the savepoints inside a commit group (and sorts) in memory, not as
    // temporary files: a cold benchmark run made ~80 of them in /var/tmp.
    db.pragma('temp_store = MEMORY');
    migrate(db, MIGRATIONS, opts.upTo);
  }
  db.pragma('foreign_keys = ON');
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply the migrations newer than the db's user_version, each in a transaction. Returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = Infinity): number[] {
  const applied: number[] = [];
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new Error(`store schema version ${current} is newer than this program knows (${LATEST_VERSION}); upgrade the program`);
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    // The version is read again inside the write transaction: another connection may have migrated meanwhile.
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}

export interface CacheRow {
  doc_id: string;
  cache_key: string;
  status: 'written' | 'skipped';
  reasons: string;
  /** JSON [[stage name, key after that stage], …] (see runner/cache.ts). */
  stage_keys: string;
}

/** Prepared statements over one connection; every write method is one transaction. */
export class Store {
  readonly db: Db;
  private readonly st;

  constructor(db: Db) {
    this.db = db;
    this.st = {
      cacheAll: db.prepare<[], CacheRow>('SELECT doc_id, cache_key, status, reasons, stage_keys FROM cache'),
      cachePut: db.prepare(
        `INSERT INTO cache (doc_id, cache_key, status, reasons, updated, stage_keys) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(doc_id) DO UPDATE SET cache_key = excluded.cache_key, status = excluded.status, reasons = excluded.reasons,
           updated = excluded.updated, stage_keys = excluded.stage_keys`,
      ),
      cacheDel: db.prepare('DELETE FROM cache WHERE doc_id = ?'),
      docDel: db.prepare('DELETE FROM documents WHERE id = ?'),
      mentionsDel: db.prepare('DELETE FROM mentions WHERE doc_id = ?'),
      claimsDel: db.prepare('DELETE FROM claims WHERE doc_id = ?'),
      docPut: db.prepare(
        `INSERT INTO documents (id, source, source_hash, cache_key, title, outlet, published, words, json, run_id)
         VALUES (@id, @source, @source_hash, @cache_key, @title, @outlet, @published, @words, @json, @run_id)`,
      ),
      mentionPut: db.prepare(
        `INSERT INTO mentions (doc_id, id, type, start, end, text, value, actor_id, unit, json)
         VALUES (@doc_id, @id, @type, @start, @end, @text, @value, @actor_id, @unit, @json)
         ON CONFLICT(doc_id, id) DO NOTHING`,
      ),
      claimPut: db.prepare(
        `INSERT INTO claims (doc_id, id, start, end, quote, subject, relation, object_actor, object_literal, value, unit,
                             time_value, polarity, modality, attributed_to, json)
         VALUES (@doc_id, @id, @start, @end, @quote, @subject, @relation, @object_actor, @object_literal, @value, @unit,
                 @time_value, @polarity, @modality, @attributed_to, @json)
         ON CONFLICT(doc_id, id) DO NOTHING`,
      ),
      docJson: db.prepare<[string], { json: string }>('SELECT json FROM documents WHERE id = ?'),
      docIds: db.prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id'),
      metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      metaPut: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  static open(file: string, opts: OpenOptions = {}): Store {
    return new Store(openDb(file, opts));
  }

  close(): void {
    this.db.close();
  }

  cacheMap(): Map<string, CacheRow> {
    return new Map(this.st.cacheAll.all().map((r) => [r.doc_id, r]));
  }

  /** Replace a document and everything derived from it, in one transaction. */
  putDocument(json: DocumentJson, cacheKey: string, runId: number, stageKeys: readonly (readonly [string, string])[] = []): void {
    this.putRows(documentRows(json), cacheKey, runId, stageKeys);
  }

  /** putDocument with the rows made beforehand (in a worker thread: the main thread only inserts). */
  putRows(rows: DocumentRows, cacheKey: string, runId: number, stageKeys: readonly (readonly [string, string])[] = []): void {
    this.db
      .transaction(() => {
        this.deleteRows(rows.doc.id);
        this.st.docPut.run({ ...rows.doc, cache_key: cacheKey, run_id: runId });
        for (const m of rows.mentions) this.st.mentionPut.run(m);
        for (const c of rows.claims) this.st.claimPut.run(c);
        this.st.cachePut.run(rows.doc.id, cacheKey, 'written', '[]', new Date().toISOString(), JSON.stringify(stageKeys));
      })
      .immediate();
  }

  /**
   * Group the writes that follow into one transaction, until endGroup. A batch
   * run commits its documents a few dozen at a time (runner/run.ts): each
   * document's own transaction (putRows, putSkipped) then runs as a savepoint
   * inside the group, so a document is still all-or-nothing, and a group that
   * never commits (a hard kill) leaves the store as it was before the group.
   * One commit per document wrote every index page it touched to the WAL again
   * for each document: ~0.75 GB of WAL writes for a 60 MB store on the
   * 2,452-article benchmark.
   */
  beginGroup(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN IMMEDIATE');
  }

  /** Commit the group begun by beginGroup (nothing to do outside one). */
  endGroup(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** Record a document that was read but skipped (fatal message): its rows go, its cache key stays so it is not retried. */
  putSkipped(id: string, cacheKey: string, reasons: string[]): void {
    this.db
      .transaction(() => {
        this.deleteRows(id);
        this.st.cachePut.run(id, cacheKey, 'skipped', JSON.stringify(reasons), new Date().toISOString(), '[]');
      })
      .immediate();
  }

  /** A document that left the corpus. */
  removeDocument(id: string): void {
    this.db
      .transaction(() => {
        this.deleteRows(id);
        this.st.cacheDel.run(id);
      })
      .immediate();
  }

  private deleteRows(id: string): void {
    this.st.mentionsDel.run(id);
    this.st.claimsDel.run(id);
    this.st.docDel.run(id);
  }

  documentJsonText(id: string): string | undefined {
    return this.st.docJson.get(id)?.json;
  }

  documentIds(): string[] {
    return this.st.docIds.all().map((r) => r.id);
  }

  getMeta(key: string): string | undefined {
    return this.st.metaGet.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.st.metaPut.run(key, value);
  }

  startRun(input: string, workers: number): number {
    const r = this.db
      .prepare("INSERT INTO runs (started, status, input, workers) VALUES (?, 'running', ?, ?)")
      .run(new Date().toISOString(), input, workers);
    return Number(r.lastInsertRowid);
  }

  finishRun(
    id: number,
    r: {
      status: 'done' | 'interrupted' | 'failed';
      read: number;
      extracted: number;
      cached: number;
      skipped: number;
      removed: number;
      stageMs: Record<string, number>;
      stepsMs: Record<string, number>;
      wallMs: number;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE runs SET finished = ?, status = ?, read = ?, extracted = ?, cached = ?, skipped = ?, removed = ?,
                         stage_ms = ?, steps_ms = ?, wall_ms = ? WHERE id = ?`,
      )
      .run(
        new Date().toISOString(),
        r.status,
        r.read,
        r.extracted,
        r.cached,
        r.skipped,
        r.removed,
        JSON.stringify(r.stageMs),
        JSON.stringify(r.stepsMs),
        Math.round(r.wallMs),
        id,
      );
  }
}
