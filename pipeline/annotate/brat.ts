/**
 * brat standoff export and import, so reviewers can also work in brat or
 * INCEpTION. Mapping (one document = <id>.txt + <id>.ann):
 *
 * - <id>.txt is the normalised text; brat offsets are in Unicode code points
 *   (brat is Python), ours in UTF-16, so offsets are converted both ways.
 * - every mention and claim item is a T line, type Date | Actor | Quantity |
 *   Claim, over its span (split into fragments at line breaks, as brat wants),
 *   with the corrected span and type when the item was corrected;
 * - its AnnotatorNotes (#) line carries `id=<item id>` and the normalised
 *   value as `key=value` pairs separated by " | ": date value/timexType,
 *   actor actorId/kind, quantity value/unit, claim subject/relation/object/time/
 *   polarity/modality;
 * - the review status is an attribute: `A<n>\tStatus T<n> accepted`;
 * - a claim's mentions are relations `R<n>\tMention Arg1:T<claim> Arg2:T<mention>`;
 * - disagreements (no span of their own) are not exported.
 *
 * Import reads a reviewed folder back: a T line with a known id whose span,
 * type or noted value changed becomes a correction; otherwise its Status is
 * taken; a T line without an id is an item the reviewer added; an exported
 * item whose T line was deleted is rejected (note "deleted in brat").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/fs-atomic.ts';
import type { DocumentJson } from '../core/schema.ts';
import { addItem, applyDecision, type Decision } from './decide.ts';
import { readAnnotations, writeAnnotations } from './format.ts';
import type { AnnotationFile, AnnotationItem, FieldValue } from './schema.ts';

const BRAT_TYPE: Record<string, string> = { date: 'Date', actor: 'Actor', quantity: 'Quantity', claim: 'Claim' };
const OUR_TYPE: Record<string, AnnotationItem['type']> = { Date: 'date', Actor: 'actor', Quantity: 'quantity', Claim: 'claim' };
const NOTE_KEYS: Record<string, readonly string[]> = {
  date: ['value', 'timexType'],
  actor: ['actorId', 'kind'],
  quantity: ['value', 'upper', 'unit'],
  claim: ['subject', 'relation', 'object', 'time', 'polarity', 'modality'],
};

export const BRAT_CONF = `[entities]
Date
Actor
Quantity
Claim

[relations]
Mention\tArg1:Claim, Arg2:Date|Actor|Quantity
<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Status\tArg:<ENTITY>, Value:pending|accepted|rejected|corrected
`;

/** UTF-16 offset ↔ code point offset, for a text (identity when it has no astral characters). */
export function offsetConverters(text: string): { toCp: (u: number) => number; toU16: (cp: number) => number } {
  if (!/[\uD800-\uDBFF]/.test(text)) return { toCp: (u) => u, toU16: (c) => c };
  const cpAt: number[] = new Array<number>(text.length + 1);
  const u16At: number[] = [];
  let cp = 0;
  for (let u = 0; u <= text.length; u++) {
    cpAt[u] = cp;
    if (u === text.length) break;
    const code = text.charCodeAt(u);
    if (!(code >= 0xdc00 && code <= 0xdfff && u > 0 && text.charCodeAt(u - 1) >= 0xd800 && text.charCodeAt(u - 1) <= 0xdbff)) {
      u16At[cp] = u;
    }
    const next = text.charCodeAt(u + 1);
    if (!(code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)) cp++;
  }
  u16At[cp] = text.length;
  return { toCp: (u) => cpAt[u] ?? cp, toU16: (c) => u16At[c] ?? text.length };
}

function flat(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.value ?? o.actorId ?? o.literal ?? JSON.stringify(v));
  }
  return String(v);
}

/** The item's fields as they stand after review (output with corrections over it). */
function effective(i: AnnotationItem): { type: AnnotationItem['type']; start: number; end: number; fields: Record<string, unknown> } {
  const c = i.status === 'corrected' ? (i.corrected ?? {}) : {};
  return {
    type: (typeof c.type === 'string' ? c.type : i.type) as AnnotationItem['type'],
    start: typeof c.start === 'number' ? c.start : i.start,
    end: typeof c.end === 'number' ? c.end : i.end,
    fields: { ...i.output, ...c },
  };
}

function noteOf(type: string, id: string | null, fields: Record<string, unknown>): string {
  const parts = id ? [`id=${id}`] : [];
  for (const k of NOTE_KEYS[type] ?? []) if (fields[k] !== undefined && fields[k] !== null) parts.push(`${k}=${flat(fields[k]).replace(/[|\t\n]/g, ' ')}`);
  return parts.join(' | ');
}

function parseNote(note: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of note.split('|')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** [start, end) split at line breaks into brat fragments, in code points. */
function fragments(text: string, start: number, end: number, toCp: (u: number) => number): string {
  const frags: string[] = [];
  let s = start;
  for (let k = start; k <= end; k++) {
    if (k === end || text[k] === '\n') {
      if (k > s) frags.push(`${toCp(s)} ${toCp(k)}`);
      s = k + 1;
    }
  }
  return frags.join(';');
}

export function toBrat(text: string, file: AnnotationFile): string {
  const { toCp } = offsetConverters(text);
  const lines: string[] = [];
  const tOf = new Map<string, string>();
  let t = 0;
  let a = 0;
  let n = 0;
  for (const item of file.items) {
    if (item.type === 'disagreement' || item.anchor === 'lost') continue;
    const e = effective(item);
    const bratType = BRAT_TYPE[e.type];
    if (!bratType || e.end <= e.start || e.end > text.length) continue;
    const frag = fragments(text, e.start, e.end, toCp);
    if (!frag) continue;
    const tid = `T${++t}`;
    tOf.set(item.id, tid);
    lines.push(`${tid}\t${bratType} ${frag}\t${text.slice(e.start, e.end).replace(/\n/g, ' ')}`);
    lines.push(`#${++n}\tAnnotatorNotes ${tid}\t${noteOf(e.type, item.id, e.fields)}`);
    lines.push(`A${++a}\tStatus ${tid} ${item.status}`);
  }
  let r = 0;
  for (const item of file.items) {
    const from = tOf.get(item.id);
    const ids = item.output.mentionIds;
    if (item.type !== 'claim' || !from || !Array.isArray(ids)) continue;
    for (const m of ids) {
      const to = typeof m === 'string' ? tOf.get(m) : undefined;
      if (to) lines.push(`R${++r}\tMention Arg1:${from} Arg2:${to}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function exportBrat(outDir: string, annotationsDir: string, target: string, ids: readonly string[], draft: (doc: DocumentJson) => AnnotationFile, readDoc: (outDir: string, id: string) => DocumentJson): string[] {
  const written: string[] = [];
  writeFileAtomic(path.join(target, 'annotation.conf'), BRAT_CONF);
  writeFileAtomic(path.join(target, 'visual.conf'), '[labels]\nDate | Date\nActor | Actor\nQuantity | Quantity | Qty\nClaim | Claim\n\n[drawing]\nDate\tbgColor:#cfe6ff\nActor\tbgColor:#ffe1b3\nQuantity\tbgColor:#d6f5d0\nClaim\tbgColor:#e6d9f5\n');
  for (const id of ids) {
    const doc = readDoc(outDir, id);
    const annFile = path.join(annotationsDir, `${id}.json`);
    const file = existsSync(annFile) ? readAnnotations(annFile).file : draft(doc);
    writeFileAtomic(path.join(target, `${id}.txt`), doc.text);
    writeFileAtomic(path.join(target, `${id}.ann`), toBrat(doc.text, file));
    written.push(id);
  }
  return written;
}

interface BratEntity {
  tid: string;
  type: AnnotationItem['type'];
  start: number;
  end: number;
  note: Record<string, string>;
  status?: string;
}

export function parseBrat(text: string, ann: string): BratEntity[] {
  const { toU16 } = offsetConverters(text);
  const ents = new Map<string, BratEntity>();
  const notes = new Map<string, string>();
  const statuses = new Map<string, string>();
  for (const line of ann.split('\n')) {
    const cols = line.split('\t');
    const [id, body] = cols;
    if (!id || body === undefined) continue;
    if (id.startsWith('T')) {
      const m = /^(\S+) (.+)$/.exec(body);
      const type = m ? OUR_TYPE[m[1]!] : undefined;
      if (!m || !type) continue;
      const offs = m[2]!.split(';').map((f) => f.trim().split(' ').map(Number));
      const start = Math.min(...offs.map((o) => o[0]!));
      const end = Math.max(...offs.map((o) => o[1]!));
      if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
      ents.set(id, { tid: id, type, start: toU16(start), end: toU16(end), note: {} });
    } else if (id.startsWith('#')) {
      const m = /^AnnotatorNotes (T\d+)$/.exec(body);
      if (m) notes.set(m[1]!, cols.slice(2).join('\t'));
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const m = /^Status (T\d+) (\w+)$/.exec(body);
      if (m) statuses.set(m[1]!, m[2]!);
    }
  }
  for (const e of ents.values()) {
    e.note = parseNote(notes.get(e.tid) ?? '');
    const s = statuses.get(e.tid);
    if (s) e.status = s;
  }
  return [...ents.values()];
}

function typed(v: string, like: unknown): FieldValue {
  if (typeof like === 'number' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v;
}

/** Apply a reviewed brat document to its annotation file; returns how many items changed. */
export function importBratDoc(file: AnnotationFile, doc: Pick<DocumentJson, 'id' | 'text'>, ents: readonly BratEntity[], reviewer: string, now = new Date()): number {
  let changed = 0;
  const seen = new Set<string>();
  const decide = (d: Decision): void => {
    applyDecision(file, d, { now, textLength: doc.text.length });
    changed++;
  };
  for (const e of ents) {
    const id = e.note.id;
    const item = id ? file.items.find((i) => i.id === id) : undefined;
    if (!item) {
      const fields: Record<string, FieldValue> = {};
      for (const [k, v] of Object.entries(e.note)) if (k !== 'id') fields[k] = /^-?\d+(\.\d+)?$/.test(v) && k !== 'value' ? Number(v) : e.type === 'quantity' && k === 'value' ? Number(v) : v;
      try {
        const added = addItem(file, doc, { type: e.type === 'disagreement' ? 'claim' : e.type, start: e.start, end: e.end, fields, reviewer }, now);
        seen.add(added.id);
        changed++;
      } catch {
        // an item with this span and type exists already: nothing to add
      }
      continue;
    }
    seen.add(item.id);
    const corrected: Record<string, FieldValue> = {};
    if (e.type !== item.type) corrected.type = e.type;
    if (e.start !== item.start) corrected.start = e.start;
    if (e.end !== item.end) corrected.end = e.end;
    for (const k of NOTE_KEYS[e.type] ?? []) {
      const v = e.note[k];
      if (v !== undefined && v !== flat(item.output[k])) corrected[k] = typed(v, item.output[k]);
    }
    if (Object.keys(corrected).length) {
      const same = item.status === 'corrected' && JSON.stringify(Object.entries(corrected).sort()) === JSON.stringify(Object.entries(item.corrected ?? {}).sort());
      if (!same) decide({ itemId: item.id, status: 'corrected', corrected: { ...Object.fromEntries(Object.keys(item.corrected ?? {}).map((k) => [k, null])), ...corrected }, reviewer });
    } else if (e.status && e.status !== item.status && ['accepted', 'rejected', 'pending'].includes(e.status)) {
      decide({ itemId: item.id, status: e.status as Decision['status'], reviewer });
    } else if (e.status === 'corrected' && item.status === 'corrected') {
      // corrected back to the produced values: accepted as produced
      decide({ itemId: item.id, status: 'accepted', reviewer });
    }
  }
  for (const item of file.items) {
    if (item.type === 'disagreement' || item.anchor === 'lost' || seen.has(item.id) || item.status === 'rejected') continue;
    if (!BRAT_TYPE[item.type]) continue;
    decide({ itemId: item.id, status: 'rejected', note: item.note ? `${item.note} (deleted in brat)` : 'deleted in brat', reviewer });
  }
  return changed;
}

export function importBrat(dir: string, annotationsDir: string, reviewer: string): { id: string; changed: number }[] {
  const out: { id: string; changed: number }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ann')).sort()) {
    const id = f.slice(0, -4);
    const annFile = path.join(annotationsDir, `${id}.json`);
    if (!existsSync(annFile)) throw new Error(`${path.join(dir, f)}: no annotation file ${annFile} to import into`);
    const text = readFileSync(path.join(dir, `${id}.txt`), 'utf8');
    const { file } = readAnnotations(annFile);
    const changed = importBratDoc(file, { id, text }, parseBrat(text, readFileSync(path.join(dir, f), 'utf8')), reviewer);
    if (changed) writeAnnotations(annFile, file);
    out.push({ id, changed });
  }
  return out;
}
