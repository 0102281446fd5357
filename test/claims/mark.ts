/**
 * Small hand-built documents from marked-up text, so claims and ledger tests
 * need no extractor:  [surface:ACTOR_ID]  {surface|TIMEX}  <surface|value|unit|measure|qualifier>
 * (measure and qualifier optional). Kinds: person:… → person, place:… → place, XXX → state,
 * group:… → group, else organisation; [surface:ID:adjective] marks an adjective mention.
 */
import { createCleanDoc, type Doc } from '../../pipeline/core/doc.ts';
import { stableId } from '../../pipeline/core/ids.ts';
import type { ActorMention, DateMention, Mention, QuantityMention } from '../../pipeline/core/schema.ts';

const MARK = /\[([^\]:]+):([^\]]+)\]|\{([^}|]+)\|([^}]+)\}|<([^>|]+)\|([^>|]+)\|([^>|]+)(?:\|([^>|]*))?(?:\|([^>|]*))?>/g;

export function kindOf(id: string): ActorMention['kind'] {
  if (id.startsWith('person:')) return 'person';
  if (id.startsWith('place:')) return 'place';
  if (/^[A-Z]{3}$/.test(id)) return 'state';
  if (id.startsWith('group:')) return 'group';
  return 'organisation';
}

export function markedDoc(id: string, marked: string, published: string | null): Doc {
  let text = '';
  let at = 0;
  const mentions: Mention[] = [];
  MARK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARK.exec(marked)) !== null) {
    text += marked.slice(at, m.index);
    at = m.index + m[0].length;
    const start = text.length;
    if (m[1] !== undefined) {
      let actorId = m[2]!;
      let adjective = false;
      if (actorId.endsWith(':adjective')) {
        actorId = actorId.slice(0, -':adjective'.length);
        adjective = true;
      }
      text += m[1];
      const a: ActorMention = {
        id: stableId(id, 'actor', start, text.length, m[1]),
        type: 'actor',
        start,
        end: text.length,
        text: m[1],
        actorId,
        kind: kindOf(actorId),
        canonical: actorId,
        matchedBy: adjective ? 'adjective' : 'alias',
        listed: true,
      };
      mentions.push(a);
    } else if (m[3] !== undefined) {
      text += m[3];
      const value = m[4]!;
      const d: DateMention = { id: stableId(id, 'date', start, text.length, m[3]), type: 'date', start, end: text.length, text: m[3], timexType: 'DATE', value };
      const r = value.match(/^(.+)\.\.(.+)$/);
      if (r) {
        d.value = r[1]!;
        d.range = { start: r[1]!, end: r[2]! };
      }
      mentions.push(d);
    } else {
      text += m[5];
      const q: QuantityMention = {
        id: stableId(id, 'quantity', start, text.length, m[5]!),
        type: 'quantity',
        start,
        end: text.length,
        text: m[5]!,
        value: Number(m[6]),
        unit: m[7]!,
      };
      if (m[8]) q.measure = m[8];
      if (m[9]) q.qualifier = m[9];
      mentions.push(q);
    }
  }
  text += marked.slice(at);
  const doc = createCleanDoc(id, text, published);
  doc.mentions = mentions;
  doc.stages.push('dates', 'actors', 'quantities');
  return doc;
}
