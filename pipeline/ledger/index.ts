/** The cross-source ledger: entries, disagreements, timelines (code in lib/). */
export { LedgerIndex, buildLedger, writeLedger, readLedger, LEDGER_FILE, type LedgerInput, type LedgerMention } from './lib/ledger.ts';
export {
  LedgerSchema,
  EntrySchema,
  DisagreementSchema,
  SupportSchema,
  TimelineItemSchema,
  LEDGER_VERSION,
  type Ledger,
  type Entry,
  type EntryStatus,
  type Disagreement,
  type DisagreementKind,
  type Side,
  type Support,
  type TimelineItem,
  type Period,
  type LedgerDocument,
} from './lib/schema.ts';
export { valueInterval, figuresConflict, sameMeasure, formatValue } from './lib/figures.ts';
export { overlappingPairs } from './lib/reconcile.ts';
