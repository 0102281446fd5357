/**
 * The one place compromise is touched. It is about 16× slower than wink, so
 * callers hand it single sentences that need it (unlisted capitalised spans),
 * never whole documents. Its offsets are relative to the string it is given;
 * this adapter returns plain spans so no compromise object leaves the file.
 */
import nlp from 'compromise';
import type { Span } from '../core/schema.ts';

export interface NameCandidates {
  people: Span[];
  organisations: Span[];
  places: Span[];
}

interface OffsetJson {
  offset?: { start: number; length: number };
}

function spans(view: { json: (o: object) => unknown }, base: number): Span[] {
  const out: Span[] = [];
  for (const m of view.json({ offset: true, terms: false }) as OffsetJson[]) {
    if (!m.offset) continue;
    out.push({ start: base + m.offset.start, end: base + m.offset.start + m.offset.length });
  }
  return out;
}

const stats = { calls: 0, chars: 0 };

/** How often compromise ran in this process, and on how many characters (for benchmarks). */
export function compromiseStats(): { calls: number; chars: number } {
  return { ...stats };
}

/**
 * compromise's people, organisations and places in `text`, as [start, end)
 * offsets shifted by `base` (the text's offset in the document).
 */
export function nameCandidates(text: string, base = 0): NameCandidates {
  stats.calls++;
  stats.chars += text.length;
  const doc = nlp(text);
  return {
    people: spans(doc.people(), base),
    organisations: spans(doc.organizations(), base),
    places: spans(doc.places(), base),
  };
}
