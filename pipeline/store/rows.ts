/**
 * A document's rows for the store's documents, mentions and claims tables,
 * as plain values. Made in the worker thread that extracted the document, so
 * the main thread only inserts them (no native module is loaded here).
 */
import type { DocumentJson, Mention } from '../core/schema.ts';

const SPACE = /\s/;

/**
 * Number of whitespace-separated words: what `text.match(/\S+/g)?.length ?? 0` counts, in one
 * pass without building the words (it runs on every document written); ASCII is decided
 * without a regex, other characters by the same \s.
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]!);
    if (space) inWord = false;
    else if (!inWord) (inWord = true), words++;
  }
  return words;
}

type Cell = string | number | null;

/** A mention's row; the value, actor_id and unit columns hold what its type has (one object shape for every type). */
function mentionRow(docId: string, m: Mention, json: string): Record<string, Cell> {
  let value: string;
  let actorId: string | null = null;
  let unit: string | null = null;
  switch (m.type) {
    case 'date':
      value = m.value;
      break;
    case 'actor':
      value = m.canonical;
      actorId = m.actorId;
      break;
    case 'quantity':
      value = String(m.value);
      unit = m.unit;
      break;
  }
  return { doc_id: docId, id: m.id, type: m.type, start: m.start, end: m.end, text: m.text, value, actor_id: actorId, unit, json };
}

/** A document's rows for the documents, mentions and claims tables (plain values, cheap to pass between threads). */
export interface DocumentRows {
  doc: { id: string; source: string; source_hash: string | null; title: string | null; outlet: string | null; published: string | null; words: number; json: string };
  mentions: Record<string, Cell>[];
  claims: Record<string, Cell>[];
}

/**
 * The document's JSON text, reusing its mentions' and claims' own JSON texts (they are
 * made for their rows anyway): JSON.stringify(json) exactly, without serialising the
 * mentions and claims twice. Falls back to JSON.stringify when the layout is not the
 * one expected. The marker cannot occur inside a string value: there every quote is escaped.
 */
function documentJsonText(json: DocumentJson, mentions: readonly string[], claims: readonly string[]): string {
  const marker = ',"mentions":[],"claims":[],';
  const shell = JSON.stringify({ ...json, mentions: [], claims: [] });
  const at = shell.indexOf(marker);
  if (at < 0 || shell.indexOf(marker, at + 1) >= 0) return JSON.stringify(json);
  return `${shell.slice(0, at)},"mentions":[${mentions.join(',')}],"claims":[${claims.join(',')}],${shell.slice(at + marker.length)}`;
}

export function documentRows(json: DocumentJson): DocumentRows {
  const mentionJson = json.mentions.map((m) => JSON.stringify(m));
  const claimJson = json.claims.map((c) => JSON.stringify(c));
  return {
    doc: {
      id: json.id,
      source: json.source,
      source_hash: json.sourceHash ?? null,
      title: json.meta.title,
      outlet: json.meta.outlet,
      published: json.meta.published,
      words: countWords(json.text),
      json: documentJsonText(json, mentionJson, claimJson),
    },
    mentions: json.mentions.map((m, i) => mentionRow(json.id, m, mentionJson[i]!)),
    claims: json.claims.map((c, i) => ({
      doc_id: json.id,
      id: c.id,
      start: c.start,
      end: c.end,
      quote: c.quote,
      subject: c.subject,
      relation: c.relation,
      object_actor: c.object?.actorId ?? null,
      object_literal: c.object?.literal ?? null,
      value: c.value?.value ?? null,
      unit: c.value?.unit ?? null,
      time_value: c.time.value,
      polarity: c.polarity,
      modality: c.modality,
      attributed_to: c.attributedTo ?? null,
      json: claimJson[i]!,
    })),
  };
}
