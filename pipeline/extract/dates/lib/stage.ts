/**
 * The `dates` stage: appends TIMEX3 date mentions to doc.mentions, anchored to
 * doc.meta.published. Relative dates left unanchored (no publication date) get
 * one `extract/date-unanchored` warning per document.
 */
import type { Stage } from '../../../core/stage.ts';
import type { Doc } from '../../../core/doc.ts';
import { message } from '../../../core/messages.ts';
import { DATA_FILES } from './data.ts';
import { extractDates } from './extract.ts';

const UNANCHORED = /^(XXXX|XXX|XX$)|-WXX/;

export const datesStage: Stage = {
  name: 'dates',
  version: '1',
  requires: ['text'],
  assigns: ['mentions.date'],
  dataFiles: DATA_FILES,
  run(doc: Doc): Doc {
    // The doc itself is the memo key of the wink pass, so later stages reuse it.
    const mentions = extractDates(doc, doc.meta.published);
    const others = doc.mentions.filter((m) => m.type !== 'date');
    doc.mentions = [...others, ...mentions];
    if (!doc.meta.published) {
      const loose = mentions.filter((m) => m.anchor === undefined && UNANCHORED.test(m.value) && m.timexType !== 'DURATION');
      const first = loose[0];
      if (first) {
        message(doc, 'extract/date-unanchored', 'dates', `${loose.length} relative date(s) had no publication date to anchor to, e.g. "${first.text}"`, {
          place: { start: first.start, end: first.end },
        });
      }
    }
    return doc;
  },
};
