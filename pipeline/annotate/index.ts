/** Annotation files, merge, decisions, brat, eval (code in the sibling modules). */
export { updateAnnotations, annotationPath, annotatedIds, outputIds, type UpdateReport } from './update.ts';
export { readAnnotations, writeAnnotations, parseAnnotations, serialiseAnnotations, AnnotationFileError, type LoadedAnnotations } from './format.ts';
export { mergeAnnotations, reanchor, pinnedValues, type MergeStats } from './merge.ts';
export { applyDecision, addItem, DecisionSchema, NewItemSchema, DecisionError, type Decision, type NewItem } from './decide.ts';
export { draftFile, itemsFromDocument, readDocument, readLedgerDisagreements, disagreementsInvolving } from './items.ts';
export { evaluate, checkThresholds, readThresholds, changesSince, recordRun, readHistory, type EvalResult } from './eval.ts';
export { exportBrat, importBrat, toBrat, parseBrat } from './brat.ts';
export * from './schema.ts';
