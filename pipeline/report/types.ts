/**
 * What the report reads: the ledger's own schema (pipeline/ledger) and the
 * documents' (pipeline/core/schema.ts). The adapter in lib/view.ts is the only
 * place that reads ledger fields, so a change in its shape is absorbed there.
 */
import type { DocumentJson } from '../core/schema.ts';
import type { Ledger } from '../ledger/index.ts';

export type {
  Disagreement,
  DisagreementKind,
  Entry,
  EntryStatus,
  Ledger,
  Period,
  Side,
  Support,
  TimelineItem,
} from '../ledger/index.ts';

export interface ReportInput {
  ledger: Ledger;
  docs: DocumentJson[];
}

export interface ReportOutput {
  markdown: string;
  html: string;
}
