/**
 * All mentions of a text in one call: dates, then actors (which read the
 * dates to resolve roles), then quantities, each from its own module. Used by
 * `claims extract` and by benchmarks; the pipeline itself runs the same
 * extractors as stages (pipeline/stages.ts).
 */
import type { Mention } from '../core/schema.ts';
import { extractActors } from './actors/index.ts';
import { extractDates } from './dates/index.ts';
import { dropDateOverlaps, extractQuantities } from './quantities/index.ts';

export interface ExtractInput {
  id: string;
  text: string;
}

/** Order of mentions everywhere they are printed: by start, then by type name, then longest first. */
export function compareMentions(a: Mention, b: Mention): number {
  return a.start - b.start || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || b.end - a.end;
}

/** Dates → actors → quantities over `input.text` (taken as clean); offsets into it; sorted by start then type. */
export function extractMentions(input: ExtractInput, published: string | null): Mention[] {
  const dates = extractDates(input, published);
  const actors = extractActors(input, published, dates);
  const quantities = dropDateOverlaps(extractQuantities(input), dates);
  return [...dates, ...actors, ...quantities].sort(compareMentions);
}
