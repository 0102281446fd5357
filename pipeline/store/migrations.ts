/**
 * The store's schema, as numbered migrations. `PRAGMA user_version` holds the
 * number of the last migration applied; opening a store applies the missing
 * ones in order, each in its own transaction. Never edit a released migration:
 * add the next number.
 *
 * Tables (one row per…):
 *   documents       document written by the per-document stages: source, hashes, meta columns, full JSON export
 *   mentions        date / actor / quantity mention of a document, with its offsets and typed columns, and full JSON
 *   claims          claim of a document (who did what, when, how much, according to whom), and full JSON
 *   cache           document id → cache key of its last extraction (also for documents that were skipped, with why),
 *                   and the key after each stage ([[stage, key], …]) to resume from the first stage that changed
 *   runs            run: when, options, counts, status (running / done / interrupted / failed), per-stage timings
 *   ledger_entries  cross-source ledger entry (claims of several documents that agree): subject, relation, object,
 *                   polarity, period, status, source count, summary, full JSON (pipeline/ledger/lib/schema.ts EntrySchema)
 *   entry_topics    (entry, topic keyword): the ledger's topics, for "every claim about a topic"
 *   entry_sources   (entry, document, claim): which sources support a ledger entry
 *   disagreements   flagged disagreement between sources: kind, subject, summary, period, the entries of its two sides, full JSON
 *   meta            key/value facts about the store (e.g. the fingerprint of the inputs the ledger was built from)
 *
 * JSON columns hold the exact objects of the JSON exports (validated by their
 * zod schemas), so a column added later can be back-filled with json_extract.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, mentions, claims, cache, runs',
    sql: `
      CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        source      TEXT NOT NULL,
        source_hash TEXT,
        cache_key   TEXT NOT NULL,
        title       TEXT,
        outlet      TEXT,
        published   TEXT,
        words       INTEGER NOT NULL DEFAULT 0,
        json        TEXT NOT NULL,
        run_id      INTEGER
      );
      CREATE TABLE mentions (
        doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id         TEXT NOT NULL,
        type       TEXT NOT NULL,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        text       TEXT NOT NULL,
        value      TEXT,
        actor_id   TEXT,
        unit       TEXT,
        json       TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE INDEX mentions_actor ON mentions(actor_id) WHERE actor_id IS NOT NULL;
      CREATE INDEX mentions_type ON mentions(type);
      CREATE TABLE claims (
        doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id            TEXT NOT NULL,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        quote         TEXT NOT NULL,
        subject       TEXT NOT NULL,
        relation      TEXT NOT NULL,
        object_actor  TEXT,
        object_literal TEXT,
        value         REAL,
        unit          TEXT,
        time_value    TEXT,
        polarity      TEXT NOT NULL,
        modality      TEXT NOT NULL,
        attributed_to TEXT,
        json          TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
      CREATE INDEX claims_subject ON claims(subject);
      CREATE INDEX claims_relation ON claims(relation);
      CREATE TABLE cache (
        doc_id    TEXT PRIMARY KEY,
        cache_key TEXT NOT NULL,
        status    TEXT NOT NULL CHECK (status IN ('written', 'skipped')),
        reasons   TEXT NOT NULL DEFAULT '[]',
        updated   TEXT NOT NULL
      );
      CREATE TABLE runs (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        started   TEXT NOT NULL,
        finished  TEXT,
        status    TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
        input     TEXT NOT NULL,
        workers   INTEGER NOT NULL,
        read      INTEGER NOT NULL DEFAULT 0,
        extracted INTEGER NOT NULL DEFAULT 0,
        cached    INTEGER NOT NULL DEFAULT 0,
        skipped   INTEGER NOT NULL DEFAULT 0,
        removed   INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    name: 'ledger: entries, their topics and sources, disagreements, meta',
    sql: `
      CREATE TABLE ledger_entries (
        id           TEXT PRIMARY KEY,
        subject      TEXT NOT NULL,
        relation     TEXT NOT NULL,
        family       TEXT,
        kind         TEXT,
        object       TEXT,
        polarity     TEXT,
        period_start TEXT,
        period_end   TEXT,
        status       TEXT NOT NULL,
        source_count INTEGER NOT NULL DEFAULT 0,
        summary      TEXT,
        json         TEXT NOT NULL
      );
      CREATE INDEX ledger_entries_subject ON ledger_entries(subject);
      CREATE INDEX ledger_entries_object ON ledger_entries(object);
      CREATE TABLE entry_topics (
        entry_id TEXT NOT NULL REFERENCES ledger_entries(id) ON DELETE CASCADE,
        topic    TEXT NOT NULL,
        PRIMARY KEY (entry_id, topic)
      );
      CREATE INDEX entry_topics_topic ON entry_topics(topic);
      CREATE TABLE entry_sources (
        entry_id TEXT NOT NULL REFERENCES ledger_entries(id) ON DELETE CASCADE,
        doc_id   TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        PRIMARY KEY (entry_id, doc_id, claim_id)
      );
      CREATE INDEX entry_sources_doc ON entry_sources(doc_id, claim_id);
      CREATE TABLE disagreements (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        subject      TEXT,
        summary      TEXT,
        period_start TEXT,
        period_end   TEXT,
        entry_a      TEXT,
        entry_b      TEXT,
        json         TEXT NOT NULL
      );
      CREATE INDEX disagreements_entry_a ON disagreements(entry_a);
      CREATE INDEX disagreements_entry_b ON disagreements(entry_b);
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'runs: per-stage timings and corpus-step timings',
    sql: `
      ALTER TABLE runs ADD COLUMN stage_ms TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE runs ADD COLUMN steps_ms TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE runs ADD COLUMN wall_ms INTEGER;
    `,
  },
  {
    version: 4,
    name: 'cache: the key after each stage, so a changed later stage re-runs from that stage only',
    sql: `
      ALTER TABLE cache ADD COLUMN stage_keys TEXT NOT NULL DEFAULT '[]';
    `,
  },
];
