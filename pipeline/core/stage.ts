/**
 * A stage is a pure function Doc → Doc, with a name, a version (part of the
 * cache key), what it requires and assigns (checked once by the runner, as
 * spaCy's pipe analysis does), and the data files it depends on.
 */
import type { Doc } from './doc.ts';
import { message } from './messages.ts';

export interface Stage {
  readonly name: string;
  /** Bump when the stage's code changes what it outputs: invalidates cached outputs. */
  readonly version: string;
  /** Names of layers that must exist before this stage runs ("text", "mentions.date", …). */
  readonly requires: readonly string[];
  /** Names of layers this stage fills. */
  readonly assigns: readonly string[];
  /** Data files (relative to pipeline/lang/en) whose content is part of the cache key. */
  readonly dataFiles: readonly string[];
  run(doc: Doc): Doc;
}

/** Throws, naming the stage and the missing layer, when an order cannot work. Run once at start-up. */
export function checkStageOrder(stages: readonly Stage[], given: readonly string[] = ['raw']): void {
  const have = new Set(given);
  for (const s of stages) {
    for (const r of s.requires) {
      if (!have.has(r)) {
        throw new Error(`stage "${s.name}" requires "${r}", which no earlier stage assigns (order: ${stages.map((x) => x.name).join(' → ')})`);
      }
    }
    for (const a of s.assigns) have.add(a);
  }
}

/**
 * Run stages on a doc. A stage that throws becomes a fatal message on the doc
 * and the remaining stages are skipped; the batch goes on.
 */
export function runStages(doc: Doc, stages: readonly Stage[]): Doc {
  let current = doc;
  for (const s of stages) {
    if (current.messages.some((m) => m.severity === 'fatal')) break;
    try {
      current = s.run(current);
      current.stages.push(s.name);
    } catch (err) {
      const e = err as Error;
      message(current, 'stage/crashed', s.name, `stage ${s.name} threw: ${e.message}`);
      break;
    }
  }
  return current;
}
