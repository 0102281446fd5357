/** The actors stage: Doc → Doc, adding actor mentions and an info message per unlisted actor. */
import type { Doc } from '../../../core/doc.ts';
import { message } from '../../../core/messages.ts';
import type { DateMention } from '../../../core/schema.ts';
import type { Stage } from '../../../core/stage.ts';
import { extractActors, type ActorOptions } from './extract.ts';
import { DATA_FILES } from './gazetteer.ts';

/** The stage with its options: `compromise: false` skips compromise's tagger (unlisted names then come from cheap cues only). */
export function makeActorsStage(options: ActorOptions = {}): Stage {
  return {
    name: 'actors',
    version: '2',
    requires: ['text'],
    assigns: ['mentions.actor'],
    dataFiles: DATA_FILES,
    run: (doc: Doc): Doc => runActors(doc, options),
  };
}

export const actorsStage: Stage = makeActorsStage();

function runActors(doc: Doc, options: ActorOptions): Doc {
  // pushed, not filtered: an array filter() makes has another hidden class when empty, or in optimised code
  const dates: DateMention[] = [];
  for (const m of doc.mentions) if (m.type === 'date') dates.push(m);
  for (const m of extractActors(doc, doc.meta.published, dates, options)) {
    if (doc.text.slice(m.start, m.end) !== m.text) {
      message(doc, 'extract/span-mismatch', 'actors', `actor span [${m.start}, ${m.end}) does not match its text`, { place: { start: m.start, end: m.end } });
      continue;
    }
    doc.mentions.push(m);
    if (!m.listed) message(doc, 'extract/actor-unlisted', 'actors', `${m.kind} "${m.text}" is not in the gazetteer (${m.actorId})`, { place: { start: m.start, end: m.end } });
  }
  return doc;
}
