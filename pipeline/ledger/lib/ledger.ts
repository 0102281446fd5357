/**
 * The cross-source ledger, built incrementally: documents are added and
 * removed, each touching only the buckets (subject + relation family) its
 * claims fall in; build() reconciles the buckets changed since the last
 * build and assembles the ledger. The result depends only on the set of
 * documents, never on the order they came in (everything is sorted).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Claim, DocMeta, Mention } from '../../core/schema.ts';
import { writeJsonAtomic } from '../../core/fs-atomic.ts';
import { type Lexicon, loadLexicon } from '../../claims/lexicon.ts';
import { type DayInterval, isoOfDay } from '../../claims/timex.ts';
import { formatValue } from './figures.ts';
import { type BucketResult, type ClaimRec, type RawDisagreement, type RawEntry, bucketKey, claimPeriod, objectKeyOf, reconcileBucket } from './reconcile.ts';
import {
  type Disagreement,
  type Entry,
  LEDGER_VERSION,
  type Ledger,
  type LedgerDocument,
  LedgerSchema,
  type Period,
  type Support,
  type TimelineItem,
} from './schema.ts';

/**
 * What the ledger reads of a document's mentions: the actors' ids and names (for
 * display). A document's full mentions fit it; the store loads only these fields.
 */
export type LedgerMention = { type: 'actor'; actorId: string; canonical: string } | { type: Exclude<Mention['type'], 'actor'> };

export interface LedgerInput {
  id: string;
  meta: Pick<DocMeta, 'title' | 'outlet' | 'published'> & { url?: string | null | undefined };
  text?: string;
  claims: readonly Claim[];
  mentions: readonly LedgerMention[];
}

interface DocState {
  info: LedgerDocument;
  names: Map<string, Map<string, number>>;
  buckets: Set<string>;
  claimIds: string[];
}

function period(p: DayInterval | null): Period | null {
  return p ? { start: isoOfDay(p.start), end: isoOfDay(p.end) } : null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class LedgerIndex {
  private readonly lex: Lexicon;
  private readonly docs = new Map<string, DocState>();
  private readonly buckets = new Map<string, Map<string, ClaimRec>>();
  private readonly results = new Map<string, BucketResult>();
  private readonly dirty = new Set<string>();

  constructor(lexicon: Lexicon = loadLexicon()) {
    this.lex = lexicon;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Add (or replace) a document's claims. */
  addDocument(doc: LedgerInput): void {
    if (this.docs.has(doc.id)) this.removeDocument(doc.id);
    const published = doc.meta.published ?? null;
    const names = new Map<string, Map<string, number>>();
    const count = (id: string, name: string) => {
      let m = names.get(id);
      if (!m) names.set(id, (m = new Map()));
      m.set(name, (m.get(name) ?? 0) + 1);
    };
    for (const m of doc.mentions) if (m.type === 'actor') count(m.actorId, m.canonical);
    const state: DocState = {
      info: { id: doc.id, title: doc.meta.title, outlet: doc.meta.outlet, url: doc.meta.url ?? null, published, claimCount: 0 },
      names,
      buckets: new Set(),
      claimIds: [],
    };
    for (const claim of doc.claims) {
      const rel = this.lex.relations.get(claim.relation);
      if (!rel) continue;
      if (claim.object?.actorId && claim.object.literal) count(claim.object.actorId, claim.object.literal.replace(/^the\s+/i, ''));
      const { base, when } = claimPeriod(claim, rel, published, this.lex);
      const support: Support = {
        docId: doc.id,
        claimId: claim.id,
        quote: claim.quote,
        start: claim.start,
        end: claim.end,
        published,
        relation: claim.relation,
        polarity: claim.polarity,
        modality: claim.modality,
        time: { value: claim.time.value, basis: claim.time.basis },
        period: period(when),
        confidence: claim.confidence,
      };
      if (claim.cue) support.cue = claim.cue;
      if (claim.attributedTo !== undefined) support.attributedTo = claim.attributedTo;
      if (claim.value) {
        const { mentionId: _m, ...v } = claim.value;
        support.value = v;
      }
      const rec: ClaimRec = { claim, docId: doc.id, published, rel, objectKey: objectKeyOf(claim.object), base, when, support };
      const key = bucketKey(claim.subject, claim.relation);
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new Map()));
      bucket.set(claim.id, rec);
      state.buckets.add(key);
      state.claimIds.push(claim.id);
      this.dirty.add(key);
    }
    state.info.claimCount = state.claimIds.length;
    this.docs.set(doc.id, state);
  }

  removeDocument(id: string): void {
    const state = this.docs.get(id);
    if (!state) return;
    for (const key of state.buckets) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const cid of state.claimIds) bucket.delete(cid);
      if (bucket.size === 0) {
        this.buckets.delete(key);
        this.results.delete(key);
      }
      this.dirty.add(key);
    }
    this.docs.delete(id);
  }

  build(): Ledger {
    for (const key of this.dirty) {
      const bucket = this.buckets.get(key);
      if (bucket) this.results.set(key, reconcileBucket([...bucket.values()], this.lex));
      else this.results.delete(key);
    }
    this.dirty.clear();
    return this.assemble();
  }

  private assemble(): Ledger {
    const names = this.actorNames();
    const nameOf = (id: string | undefined) => (id === undefined ? '?' : (names[id] ?? id));
    const gloss = (e: RawEntry, polarity: 'affirmed' | 'negated' = e.polarity) => {
      const measure = e.recs.find((r) => r.claim.value?.measure)?.claim.value?.measure;
      const objectName = e.object?.actorId ? nameOf(e.object.actorId) : (e.object?.literal ?? measure ?? '(unspecified)');
      const g = e.rel.gloss.replace('{subject}', nameOf(e.subject)).replace('{object}', objectName);
      return polarity === 'negated' ? `not: ${g}` : g;
    };

    const rawEntries: RawEntry[] = [];
    const rawDis: RawDisagreement[] = [];
    for (const key of [...this.results.keys()].sort()) {
      const r = this.results.get(key)!;
      rawEntries.push(...r.entries);
      rawDis.push(...r.disagreements);
    }

    const disByEntry = new Map<string, Set<string>>();
    const disByClaim = new Map<string, Set<string>>();
    for (const d of rawDis) {
      for (const s of d.sides) {
        let set = disByEntry.get(s.entry.id);
        if (!set) disByEntry.set(s.entry.id, (set = new Set()));
        set.add(d.id);
        for (const r of s.recs) {
          let cs = disByClaim.get(r.claim.id);
          if (!cs) disByClaim.set(r.claim.id, (cs = new Set()));
          cs.add(d.id);
        }
      }
    }

    const supportOrder = (a: Support, b: Support) => cmp(a.published ?? '9999', b.published ?? '9999') || cmp(a.docId, b.docId) || a.start - b.start || cmp(a.claimId, b.claimId);
    const entries: Entry[] = rawEntries.map((e) => {
      const supports = e.recs.map((r) => r.support).sort(supportOrder);
      const sourceCount = new Set(supports.map((s) => s.docId)).size;
      // Corroboration needs two documents that assert it with some confidence: hedges, predictions, page furniture
      // and guesses (subject from the story's focus, time from the publication date) are listed but do not count.
      const minCorr = this.lex.file.minCorroborationConfidence;
      // A claim dated only by its publication date and naming no object is too vague to confirm a dated event (a
      // headline "X wins" next to a first round two weeks earlier); it still supports the entry.
      const vague = (s: Support) => s.time.basis === 'document' && e.objectKey === '' && e.rel.roles.object !== undefined;
      const corroborating = new Set(
        supports.filter((s) => s.confidence >= minCorr && (s.modality === 'asserted' || s.modality === 'reported') && !vague(s)).map((s) => s.docId),
      ).size;
      const disagreementIds = [...(disByEntry.get(e.id) ?? [])].sort();
      const entry: Entry = {
        id: e.id,
        subject: e.subject,
        relation: e.rel.id,
        family: e.rel.id.slice(0, e.rel.id.indexOf('.')),
        kind: e.rel.kind,
        topics: [...e.rel.topics].sort(),
        polarity: e.polarity,
        period: period(e.period),
        status: disagreementIds.length > 0 ? 'disputed' : corroborating >= 2 ? 'corroborated' : 'single-source',
        sourceCount,
        summary: `${gloss(e)}${e.period ? ` (${periodText(e)})` : ''}`,
        supports,
        disagreementIds,
      };
      if (e.object) entry.object = e.object;
      return entry;
    });
    entries.sort((a, b) => cmp(a.period?.start ?? '9999', b.period?.start ?? '9999') || cmp(a.subject, b.subject) || cmp(a.relation, b.relation) || cmp(a.id, b.id));

    const disagreements: Disagreement[] = rawDis.map((d) => {
      const [a, b] = d.sides;
      const who = (s: typeof a) => {
        const docs = [...new Set(s.recs.map((r) => `${r.docId}${r.published ? ` (${r.published})` : ''}`))].sort();
        return docs.join(', ');
      };
      const say = (s: typeof a) => {
        if (d.kind === 'figure') return s.recs.map((r) => (r.claim.value ? formatValue(r.support.value!) : '?')).join('/');
        if (d.kind === 'date') return s.recs.map((r) => r.claim.time.value).join('/');
        return gloss(s.entry);
      };
      const label = { date: 'Dates differ', figure: 'Figures differ', polarity: 'Affirmed and denied', contrary: 'Contrary accounts' }[d.kind];
      const topic = d.kind === 'figure' || d.kind === 'date' ? ` for "${gloss(a.entry)}"` : '';
      const when = d.period ? ` [${isoOfDay(d.period.start)}..${isoOfDay(d.period.end)}]` : '';
      return {
        id: d.id,
        kind: d.kind,
        subject: d.subject,
        period: period(d.period),
        summary: `${label}${topic}${when}: ${who(a)} — ${say(a)}; ${who(b)} — ${say(b)}`,
        sides: [
          { entryId: a.entry.id, relation: a.entry.rel.id, polarity: a.entry.polarity, claims: a.recs.map((r) => r.support).sort(supportOrder) },
          { entryId: b.entry.id, relation: b.entry.rel.id, polarity: b.entry.polarity, claims: b.recs.map((r) => r.support).sort(supportOrder) },
        ],
      };
    });
    disagreements.sort((a, b) => cmp(a.period?.start ?? '9999', b.period?.start ?? '9999') || cmp(a.kind, b.kind) || cmp(a.id, b.id));

    // Timelines: every claim under each topic of its relation, in time order.
    const timelines: Record<string, TimelineItem[]> = {};
    for (const t of this.lex.topics) timelines[t] = [];
    for (const e of rawEntries) {
      for (const r of e.recs) {
        const item: TimelineItem = {
          date: r.base ? isoOfDay(r.base.start) : null,
          period: period(r.when),
          timeValue: r.claim.time.value,
          timeBasis: r.claim.time.basis,
          docId: r.docId,
          published: r.published,
          claimId: r.claim.id,
          entryId: e.id,
          subject: e.subject,
          relation: e.rel.id,
          polarity: r.claim.polarity,
          modality: r.claim.modality,
          quote: r.claim.quote,
          summary: gloss(e),
          disagreementIds: [...(disByClaim.get(r.claim.id) ?? [])].sort(),
        };
        if (e.object) item.object = e.object;
        if (r.claim.attributedTo !== undefined) item.attributedTo = r.claim.attributedTo;
        for (const t of e.rel.topics) (timelines[t] ??= []).push(item);
      }
    }
    for (const t of Object.keys(timelines)) {
      timelines[t]!.sort(
        (a, b) =>
          cmp(a.date ?? '9999', b.date ?? '9999') ||
          cmp(a.published ?? '9999', b.published ?? '9999') ||
          cmp(a.docId, b.docId) ||
          cmp(a.claimId, b.claimId),
      );
    }

    const documents = [...this.docs.values()].map((d) => d.info).sort((a, b) => cmp(a.id, b.id));
    const sortedTimelines: Record<string, TimelineItem[]> = {};
    for (const t of Object.keys(timelines).sort()) sortedTimelines[t] = timelines[t]!;
    return { version: LEDGER_VERSION, documents, actors: names, entries, disagreements, timelines: sortedTimelines };

    function periodText(e: RawEntry): string {
      const supportsDated = e.recs.filter((r) => r.base).map((r) => r.claim.time.value);
      return [...new Set(supportsDated)].sort().join(', ') || 'undated';
    }
  }

  private actorNames(): Record<string, string> {
    const total = new Map<string, Map<string, number>>();
    for (const d of this.docs.values()) {
      for (const [id, m] of d.names) {
        let t = total.get(id);
        if (!t) total.set(id, (t = new Map()));
        for (const [n, c] of m) t.set(n, (t.get(n) ?? 0) + c);
      }
    }
    const out: Record<string, string> = {};
    for (const id of [...total.keys()].sort()) {
      const best = [...total.get(id)!.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0];
      if (best) out[id] = best[0];
    }
    return out;
  }
}

/** The ledger of a set of documents: a fold over addDocument, then build(). */
export function buildLedger(docs: Iterable<LedgerInput>, lexicon?: Lexicon): Ledger {
  const index = new LedgerIndex(lexicon);
  for (const d of docs) index.addDocument(d);
  return index.build();
}

export const LEDGER_FILE = 'ledger.json';

/** Validate and write out/ledger.json atomically. */
export function writeLedger(outDir: string, ledger: Ledger): string {
  const file = path.join(outDir, LEDGER_FILE);
  writeJsonAtomic(file, LedgerSchema.parse(ledger));
  return file;
}

/** Read and validate a ledger file (throws with the schema's complaint). */
export function readLedger(file: string): Ledger {
  return LedgerSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
