/**
 * Writing the per-document JSON exports of a batch: core/fs-atomic.ts's
 * writeDerivedFile (atomic rename, no fsync per file). The durable record is the
 * store (each document's rows all-or-nothing); an export lost or emptied by an OS crash
 * is re-made from it on the next run (see `exportIsSound` and the planner in run.ts).
 */
export { isSoundFile as exportIsSound, writeDerivedFile as writeExport } from '../core/fs-atomic.ts';
