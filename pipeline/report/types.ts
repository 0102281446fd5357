/**
 * What the report reads from the ledger. Until pipeline/ledger/ exports its
 * schema, this is a local mirror of the agreed description; the adapter in
 * lib/view.ts is the only place that reads these fields, so a change in the
 * ledger's shape is absorbed there and nowhere else.
 */
import type { DocumentJson } from '../core/schema.ts';

export type LedgerStatus = 'corroborated' | 'single-source' | 'disputed';
export type DisagreementKind = 'date' | 'figure' | 'polarity' | 'contrary';

/** One source's support for an entry, or one claim on a side of a disagreement. */
export interface LedgerSourceRef {
  docId: string;
  claimId?: string;
  /** The quote as the ledger recorded it (should be doc.text.slice(start, end)). */
  quote: string;
  start?: number;
  end?: number;
  /** Publication date of the source document (ISO, possibly partial). */
  published?: string | null;
  outlet?: string | null;
}

export interface LedgerTime {
  value: string;
  range?: { start: string; end: string };
}

export interface LedgerEntry {
  id: string;
  topics?: string[];
  topic?: string;
  subject: string;
  relation: string;
  object?: string | { actorId?: string; literal?: string } | null;
  time?: LedgerTime | string | null;
  status: LedgerStatus;
  sources: LedgerSourceRef[];
}

export interface DisagreementSide {
  entryId?: string;
  claims: LedgerSourceRef[];
  /** A short label for the side ("affirms", "over 40%", "2015-10"). */
  label?: string;
}

export interface LedgerDisagreement {
  id: string;
  kind: DisagreementKind;
  topic?: string;
  period?: { start: string; end: string } | string | null;
  summary: string;
  sides: [DisagreementSide, DisagreementSide];
}

export interface LedgerTimelineItem {
  date: string;
  docId: string;
  claimId?: string;
  entryId?: string;
  quote: string;
  start?: number;
  end?: number;
  published?: string | null;
  disagreementIds?: string[];
}

export interface LedgerTimeline {
  topic: string;
  items: LedgerTimelineItem[];
}

export interface Ledger {
  entries: LedgerEntry[];
  disagreements: LedgerDisagreement[];
  timeline?: LedgerTimeline[];
}

export interface ReportInput {
  ledger: Ledger;
  docs: DocumentJson[];
}

export interface ReportOutput {
  markdown: string;
  html: string;
}
