/**
 * Quantities: money, percentages, counts with their unit noun, ranks, ranges
 * and measured amounts, each with value, upper, unit, qualifier and measure.
 * The code lives in lib/; this file only wires it up (see README.md for the rules).
 */
import type { Doc } from '../../core/doc.ts';
import { stableId } from '../../core/ids.ts';
import { message } from '../../core/messages.ts';
import type { Mention, QuantityMention } from '../../core/schema.ts';
import type { Stage } from '../../core/stage.ts';
import { nlpOf } from '../../adapters/wink.ts';
import { LEXICON_FILE, resolveCurrency, tables } from './lib/data.ts';
import { scanSentence } from './lib/scan.ts';

export { LEXICON_FILE } from './lib/data.ts';

const DATEISH = new Set(['DATE', 'TIME', 'DURATION']);

/** Every quantity in `input.text`, in text order; offsets into input.text. Pure. */
export function extractQuantities(input: { id: string; text: string }): QuantityMention[] {
  const t = tables();
  const layer = nlpOf(input);
  const dateish = new Set<number>();
  for (const e of layer.entities) {
    if (DATEISH.has(e.type)) for (let k = e.tokenStart; k < e.tokenEnd; k++) dateish.add(k);
  }
  const out: QuantityMention[] = [];
  const currencyMemo = new Map<string, string>();
  for (const s of layer.sentences) {
    for (const q of scanSentence(input.text, layer, s.tokenStart, s.tokenEnd, t, dateish)) {
      const text = input.text.slice(q.start, q.end);
      const m: QuantityMention = {
        id: stableId(input.id, 'quantity', q.start, q.end, text),
        type: 'quantity',
        start: q.start,
        end: q.end,
        text,
        rule: q.rule,
        confidence: q.confidence,
        value: q.value,
        // an ambiguous currency name ("lei", "dinars") takes the code of the country the document is about
        unit: resolveCurrency(q.unit, input.text, t, currencyMemo),
      };
      if (q.upper !== undefined) m.upper = q.upper;
      if (q.qualifier !== undefined) m.qualifier = q.qualifier;
      if (q.measure !== undefined) m.measure = q.measure;
      out.push(m);
    }
  }
  return out;
}

/**
 * Drop plain counts that sit inside a date mention (the dates extractor owns
 * "the 2014-2016 period", "Oct 14"); money, percentages and units are kept.
 */
export function dropDateOverlaps(quantities: QuantityMention[], mentions: readonly Mention[]): QuantityMention[] {
  const dates = mentions.filter((m) => m.type === 'date');
  if (dates.length === 0) return quantities;
  return quantities.filter(
    (q) => !((q.unit === 'count' || q.unit === 'rank') && dates.some((d) => d.start < q.end && q.start < d.end && d.start <= q.start && q.end <= d.end)),
  );
}

export const quantitiesStage: Stage = {
  name: 'quantities',
  version: '2',
  requires: ['text'],
  assigns: ['mentions.quantity'],
  dataFiles: [LEXICON_FILE],
  run(doc: Doc): Doc {
    const found = dropDateOverlaps(extractQuantities(doc), doc.mentions);
    const kept: QuantityMention[] = [];
    for (const q of found) {
      if (doc.text.slice(q.start, q.end) !== q.text) {
        message(doc, 'extract/span-mismatch', 'quantities', `quantity "${q.text}" does not line up with the text`, { place: { start: q.start, end: q.end } });
        continue;
      }
      kept.push(q);
    }
    doc.mentions = [...doc.mentions.filter((m) => m.type !== 'quantity'), ...kept];
    return doc;
  },
};
