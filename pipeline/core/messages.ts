/**
 * The message catalogue: every problem a stage can report on a document has a
 * ruleId here, with its default severity. Tests check ruleIds, not prose.
 * New rules are added here, one line each.
 */
import type { Doc } from './doc.ts';
import type { DocMessage, Severity, Span } from './schema.ts';

export const CATALOGUE = {
  // input
  'input/empty': { severity: 'fatal', summary: 'the file is empty or holds only whitespace' },
  'input/binary': { severity: 'fatal', summary: 'the file is binary, not text' },
  'input/not-utf8': { severity: 'warning', summary: 'the file is not valid UTF-8 and was decoded as a legacy encoding' },
  'input/undecodable': { severity: 'fatal', summary: 'the file is in no encoding that could be decoded' },
  'input/too-large': { severity: 'fatal', summary: 'the file is larger than the size limit' },
  'input/no-sentences': { severity: 'fatal', summary: 'no sentence of running text was found' },
  'input/unreadable': { severity: 'fatal', summary: 'the file could not be read' },
  'manifest/invalid': { severity: 'error', summary: 'the manifest fails its schema' },
  'manifest/unknown-id': { severity: 'warning', summary: 'the manifest names a document that is not in the corpus' },
  // normalise
  'normalise/no-title': { severity: 'warning', summary: 'no title could be found' },
  'normalise/no-published': { severity: 'warning', summary: 'no publication date was stated or could be inferred' },
  'normalise/published-inferred': { severity: 'info', summary: 'the publication date was inferred from the text' },
  // extract
  'extract/span-mismatch': { severity: 'error', summary: 'a span did not line up with the text and was dropped' },
  'extract/date-unanchored': { severity: 'warning', summary: 'a relative date had no anchor and stays underspecified' },
  'extract/actor-unlisted': { severity: 'info', summary: 'an actor not in the gazetteer was found' },
  // claims
  'claims/no-subject': { severity: 'info', summary: 'a relation cue had no resolvable subject' },
  // runner
  'stage/crashed': { severity: 'fatal', summary: 'a stage threw; the document was skipped' },
  'stage/order': { severity: 'fatal', summary: 'a stage ran before what it requires' },
  'export/invalid': { severity: 'fatal', summary: 'the document failed its output schema and was not written' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof CATALOGUE;

export interface MessageOptions {
  place?: Span;
  rawPlace?: Span;
  severity?: Severity;
}

/** Put a message on a doc (like vfile.message) and return it. */
export function message(doc: Doc, ruleId: RuleId, stage: string, reason: string, opts: MessageOptions = {}): DocMessage {
  const m: DocMessage = {
    ruleId,
    reason,
    stage,
    severity: opts.severity ?? CATALOGUE[ruleId].severity,
  };
  if (opts.place) m.place = opts.place;
  if (opts.rawPlace) m.rawPlace = opts.rawPlace;
  doc.messages.push(m);
  return m;
}

export function hasFatal(doc: Doc): boolean {
  return doc.messages.some((m) => m.severity === 'fatal');
}

/** "file.txt: input/empty: the file is empty" — the form printed for people. */
export function formatMessage(source: string, m: DocMessage): string {
  return `${source}: ${m.severity} ${m.ruleId}: ${m.reason}`;
}
