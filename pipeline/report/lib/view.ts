/**
 * The adapter: ledger + documents → a view model both renderers share. It is
 * the only code that reads the ledger's fields, and it decides once which
 * anchors exist, so every link either renderer emits points at something.
 */
import type { Claim, DocumentJson, Mention } from '../../core/schema.ts';
import type {
  DisagreementKind,
  Ledger,
  LedgerEntry,
  LedgerSourceRef,
  LedgerStatus,
  LedgerTimelineItem,
} from '../types.ts';
import { compareTimex } from './dates.ts';
import { claimAnchor, disagreementAnchor, docAnchor, entryAnchor, topicAnchor } from './escape.ts';
import { checkSpans, type HighlightSpan } from './spans.ts';

/** A link to a disagreement, with its kind for the link text. */
export interface DisRef {
  id: string;
  href: string;
  kind: DisagreementKind;
}

export type QuoteCheck = 'exact' | 'mismatch' | 'unverified';

export interface SourceView {
  docId: string;
  claimId: string | null;
  /** The exact slice of the document when the offsets line up; otherwise the ledger's quote. */
  quote: string;
  quoteCheck: QuoteCheck;
  published: string | null;
  outlet: string | null;
  title: string | null;
  /** Fragment targets that exist in the HTML page (null: no such element, so no link). */
  claimHref: string | null;
  docHref: string | null;
}

export interface EntryView {
  id: string;
  /** Set on the first topic the entry is shown under only (ids are unique). */
  anchor: string | null;
  subject: string;
  relation: string;
  object: string | null;
  time: string | null;
  status: LedgerStatus;
  sources: SourceView[];
  /** Number of distinct documents supporting the entry. */
  docCount: number;
  disagreements: DisRef[];
}

export interface TopicView {
  topic: string;
  anchor: string;
  entries: EntryView[];
  counts: Record<LedgerStatus, number> & { total: number };
}

export interface SideView {
  label: string | null;
  sources: SourceView[];
}

export interface DisagreementView {
  id: string;
  anchor: string;
  kind: DisagreementKind;
  kindLabel: string;
  summary: string;
  period: string | null;
  topic: string | null;
  sides: [SideView, SideView];
}

export interface TimelineRow {
  date: string;
  source: SourceView;
  disagreements: DisRef[];
}

export interface TimelineView {
  topic: string;
  anchor: string;
  rows: TimelineRow[];
}

export interface DocView {
  id: string;
  anchor: string;
  doc: DocumentJson;
  spans: HighlightSpan[];
  refused: number;
  /** The text ranges shown, one per paragraph (the whole text when there are none). */
  ranges: { start: number; end: number; kind: string }[];
  claims: { claim: Claim; href: string | null; summary: string }[];
  mentionCounts: Record<Mention['type'], number>;
}

export interface ReportView {
  topics: TopicView[];
  disagreements: DisagreementView[];
  timelines: TimelineView[];
  docs: DocView[];
  totals: { docs: number; entries: number; corroborated: number; disputed: number; disagreements: number };
}

export const KIND_LABEL: Record<DisagreementKind, string> = {
  date: 'Dates differ',
  figure: 'Figures conflict',
  polarity: 'Affirmed and denied',
  contrary: 'Contrary accounts',
};

function fmtTime(t: LedgerEntry['time']): string | null {
  if (t == null) return null;
  if (typeof t === 'string') return t;
  return t.range ? `${t.range.start} – ${t.range.end}` : t.value;
}

function timeValue(t: LedgerEntry['time']): string | null {
  if (t == null) return null;
  return typeof t === 'string' ? t : t.range ? t.range.start : t.value;
}

export function mentionTitle(m: Mention): string {
  switch (m.type) {
    case 'date': {
      const parts = [`date ${m.range ? `${m.range.start} – ${m.range.end}` : m.value}`, m.timexType];
      if (m.mod) parts.push(`mod ${m.mod}`);
      if (m.anchor) parts.push(`anchored: ${m.anchor}`);
      return parts.join(' · ');
    }
    case 'actor':
      return `actor ${m.canonical} · ${m.actorId} · ${m.kind}${m.office ? ` · ${m.office}` : ''}`;
    case 'quantity': {
      const v = m.upper !== undefined ? `${m.value}–${m.upper}` : `${m.value}`;
      const parts = [`quantity ${m.qualifier ? `${m.qualifier} ` : ''}${v} ${m.unit}`];
      if (m.measure) parts.push(m.measure);
      return parts.join(' · ');
    }
  }
}

export function buildView(ledger: Ledger, docs: readonly DocumentJson[]): ReportView {
  const docsById = new Map(docs.map((d) => [d.id, d]));
  const claimsById = new Map(docs.map((d) => [d.id, new Map(d.claims.map((c) => [c.id, c]))]));
  const entriesById = new Map(ledger.entries.map((e) => [e.id, e]));
  const names = new Map<string, string>();
  for (const d of docs) for (const m of d.mentions) if (m.type === 'actor' && !names.has(m.actorId)) names.set(m.actorId, m.canonical);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const objectOf = (o: LedgerEntry['object']): string | null => {
    if (o == null) return null;
    if (typeof o === 'string') return nameOf(o);
    if (o.actorId) return nameOf(o.actorId);
    return o.literal ?? null;
  };

  // Documents first: which claim anchors will exist.
  const docViews: DocView[] = [];
  const claimHrefs = new Map<string, string>(); // docId \0 claimId → anchor
  for (const doc of docs) {
    const spans: HighlightSpan[] = [];
    for (const c of doc.claims) {
      const title = claimSummary(c, nameOf);
      spans.push({ start: c.start, end: c.end, tag: 'mark', className: `c c-${c.polarity} c-${c.modality}`, id: claimAnchor(doc.id, c.id), rank: 0, attrs: { title, 'data-claim': c.id } });
    }
    for (const m of doc.mentions) {
      spans.push({ start: m.start, end: m.end, tag: 'span', className: `m m-${m.type}`, rank: 1, attrs: { title: mentionTitle(m), 'data-mention': m.id } });
    }
    const checked = checkSpans(doc.text, spans);
    const ranges = (doc.paragraphs.length > 0 ? doc.paragraphs : [{ start: 0, end: doc.text.length, kind: 'paragraph' }])
      .filter((p) => p.end > p.start && p.end <= doc.text.length)
      .map((p) => ({ start: p.start, end: p.end, kind: p.kind }));
    // A claim gets an anchor only if it is highlighted and some of it is shown.
    const shown = (s: HighlightSpan): boolean => ranges.some((r) => s.start < r.end && s.end > r.start);
    const okClaimIds = new Set(checked.ok.filter((s) => s.attrs?.['data-claim'] !== undefined && shown(s)).map((s) => s.attrs?.['data-claim'] as string));
    const claims = doc.claims.map((c) => {
      const href = okClaimIds.has(c.id) ? claimAnchor(doc.id, c.id) : null;
      if (href) claimHrefs.set(`${doc.id}\u0000${c.id}`, href);
      return { claim: c, href, summary: claimSummary(c, nameOf) };
    });
    const mentionCounts = { date: 0, actor: 0, quantity: 0 };
    for (const m of doc.mentions) mentionCounts[m.type]++;
    docViews.push({ id: doc.id, anchor: docAnchor(doc.id), doc, spans: checked.ok, refused: checked.refused.length, ranges, claims, mentionCounts });
  }

  const source = (ref: LedgerSourceRef): SourceView => {
    const doc = docsById.get(ref.docId);
    const claim = ref.claimId ? claimsById.get(ref.docId)?.get(ref.claimId) : undefined;
    const start = ref.start ?? claim?.start;
    const end = ref.end ?? claim?.end;
    let quote = ref.quote;
    let quoteCheck: QuoteCheck = 'unverified';
    if (doc && start !== undefined && end !== undefined && start >= 0 && end <= doc.text.length && start < end) {
      const slice = doc.text.slice(start, end);
      if (slice === ref.quote || ref.quote === '') {
        quote = slice;
        quoteCheck = 'exact';
      } else {
        quoteCheck = 'mismatch';
      }
    }
    return {
      docId: ref.docId,
      claimId: ref.claimId ?? null,
      quote,
      quoteCheck,
      published: ref.published ?? doc?.meta.published ?? null,
      outlet: ref.outlet ?? doc?.meta.outlet ?? null,
      title: doc?.meta.title ?? null,
      claimHref: ref.claimId ? (claimHrefs.get(`${ref.docId}\u0000${ref.claimId}`) ?? null) : null,
      docHref: doc ? docAnchor(doc.id) : null,
    };
  };

  // Disagreements, and which claims and entries they touch.
  const disByClaim = new Map<string, DisRef[]>();
  const disByEntry = new Map<string, DisRef[]>();
  const push = (map: Map<string, DisRef[]>, key: string, v: DisRef): void => {
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.id === v.id)) list.push(v);
    map.set(key, list);
  };
  const disagreements: DisagreementView[] = ledger.disagreements.map((d) => {
    const ref: DisRef = { id: d.id, href: disagreementAnchor(d.id), kind: d.kind };
    for (const side of d.sides) {
      if (side.entryId) push(disByEntry, side.entryId, ref);
      for (const c of side.claims) if (c.claimId) push(disByClaim, `${c.docId}\u0000${c.claimId}`, ref);
    }
    const period = d.period == null ? null : typeof d.period === 'string' ? d.period : `${d.period.start} – ${d.period.end}`;
    return {
      id: d.id,
      anchor: ref.href,
      kind: d.kind,
      kindLabel: KIND_LABEL[d.kind],
      summary: d.summary,
      period,
      topic: d.topic ?? null,
      sides: [
        { label: d.sides[0].label ?? null, sources: d.sides[0].claims.map(source) },
        { label: d.sides[1].label ?? null, sources: d.sides[1].claims.map(source) },
      ],
    };
  });

  const disById = new Map(disagreements.map((d) => [d.id, d]));

  // Entries by topic.
  const topicMap = new Map<string, EntryView[]>();
  const anchored = new Set<string>();
  for (const e of ledger.entries) {
    const topics = e.topics && e.topics.length > 0 ? e.topics : [e.topic ?? e.relation];
    for (const topic of topics) {
      const sources = e.sources.map(source);
      const view: EntryView = {
        id: e.id,
        anchor: anchored.has(e.id) ? null : entryAnchor(e.id),
        subject: nameOf(e.subject),
        relation: e.relation,
        object: objectOf(e.object),
        time: fmtTime(e.time),
        status: e.status,
        sources,
        docCount: new Set(e.sources.map((s) => s.docId)).size,
        disagreements: disByEntry.get(e.id) ?? uniqueBy(e.sources.flatMap((s) => (s.claimId ? (disByClaim.get(`${s.docId}\u0000${s.claimId}`) ?? []) : []))),
      };
      anchored.add(e.id);
      const list = topicMap.get(topic) ?? [];
      list.push(view);
      topicMap.set(topic, list);
    }
  }
  const topics: TopicView[] = [...topicMap.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([topic, entries]) => {
      entries.sort((a, b) => b.docCount - a.docCount || compareTimex(a.time ?? '', b.time ?? '') || a.id.localeCompare(b.id));
      const counts = { corroborated: 0, 'single-source': 0, disputed: 0, total: entries.length };
      for (const e of entries) counts[e.status]++;
      return { topic, anchor: topicAnchor(topic), entries, counts };
    });

  // Timeline: the ledger's own, or one row per entry source.
  const timelineSrc: { topic: string; items: LedgerTimelineItem[] }[] =
    ledger.timeline && ledger.timeline.length > 0
      ? ledger.timeline
      : [...topicMap.entries()].map(([topic, entries]) => ({
          topic,
          items: entries.flatMap((e) => {
            const original = entriesById.get(e.id);
            const date = timeValue(original?.time);
            if (!original || date === null) return [];
            return original.sources.map((s) => {
              const item: LedgerTimelineItem = { date, docId: s.docId, entryId: e.id, quote: s.quote };
              if (s.claimId !== undefined) item.claimId = s.claimId;
              if (s.start !== undefined) item.start = s.start;
              if (s.end !== undefined) item.end = s.end;
              if (s.published !== undefined) item.published = s.published;
              return item;
            });
          }),
        }));
  const timelines: TimelineView[] = timelineSrc
    .map((t) => ({
      topic: t.topic,
      anchor: `timeline-${topicAnchor(t.topic)}`,
      rows: t.items
        .map((it) => {
          const ref: LedgerSourceRef = { docId: it.docId, quote: it.quote };
          if (it.claimId !== undefined) ref.claimId = it.claimId;
          if (it.start !== undefined) ref.start = it.start;
          if (it.end !== undefined) ref.end = it.end;
          if (it.published !== undefined) ref.published = it.published;
          const fromIds = (it.disagreementIds ?? []).flatMap((id) => {
            const d = disById.get(id);
            return d ? [{ id, href: d.anchor, kind: d.kind }] : [];
          });
          const fromClaim = it.claimId ? (disByClaim.get(`${it.docId}\u0000${it.claimId}`) ?? []) : [];
          return { date: it.date, source: source(ref), disagreements: uniqueBy([...fromIds, ...fromClaim]) };
        })
        .sort((a, b) => compareTimex(a.date, b.date) || (a.source.published ?? '').localeCompare(b.source.published ?? '') || a.source.docId.localeCompare(b.source.docId)),
    }))
    .filter((t) => t.rows.length > 0)
    .sort((a, b) => a.topic.localeCompare(b.topic));

  const allEntries = ledger.entries;
  return {
    topics,
    disagreements,
    timelines,
    docs: docViews,
    totals: {
      docs: docs.length,
      entries: allEntries.length,
      corroborated: allEntries.filter((e) => e.status === 'corroborated').length,
      disputed: allEntries.filter((e) => e.status === 'disputed').length,
      disagreements: disagreements.length,
    },
  };
}

function uniqueBy(list: DisRef[]): DisRef[] {
  const seen = new Set<string>();
  return list.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}

export function claimSummary(c: Claim, nameOf: (id: string) => string): string {
  const obj = c.object ? (c.object.actorId ? nameOf(c.object.actorId) : (c.object.literal ?? '')) : '';
  const parts = [`${nameOf(c.subject)} ${c.relation}${obj ? ` ${obj}` : ''}`.trim()];
  if (c.value) parts.push(`${c.value.qualifier ? `${c.value.qualifier} ` : ''}${c.value.value}${c.value.upper !== undefined ? `–${c.value.upper}` : ''} ${c.value.unit}${c.value.measure ? ` ${c.value.measure}` : ''}`);
  parts.push(`time ${c.time.range ? `${c.time.range.start} – ${c.time.range.end}` : c.time.value} (${c.time.basis})`);
  if (c.polarity === 'negated') parts.push('negated');
  if (c.modality !== 'asserted') parts.push(c.modality);
  if (c.attributedTo) parts.push(`according to ${nameOf(c.attributedTo)}`);
  return parts.join(' · ');
}
