import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDecision, addItem } from '../../pipeline/annotate/decide.ts';
import { draftFile, itemsFromDocument, readLedgerDisagreements } from '../../pipeline/annotate/items.ts';
import { mergeAnnotations, reanchor } from '../../pipeline/annotate/merge.ts';
import type { AnnotationFile, AnnotationItem } from '../../pipeline/annotate/schema.ts';
import { actor, claim, date, docJson, storyDoc, writeLedgerWith, STORY, STORY_ID } from '../fixtures/annotate/build.ts';
import type { DocumentJson } from '../../pipeline/core/schema.ts';

const NOW = new Date('2024-01-02T03:04:05Z');

function byText(file: AnnotationFile, text: string, type?: string): AnnotationItem {
  const i = file.items.find((x) => x.text === text && (!type || x.type === type));
  if (!i) throw new Error(`no item ${text}`);
  return i;
}

function reviewed(): AnnotationFile {
  const file = draftFile(storyDoc());
  applyDecision(file, { itemId: byText(file, 'Norway').id, status: 'accepted', reviewer: 'ana' }, { now: NOW });
  applyDecision(file, { itemId: byText(file, 'Oslo').id, status: 'rejected', note: 'metonym of the government, fine, but not here', reviewer: 'ana' }, { now: NOW });
  applyDecision(file, { itemId: byText(file, '2030').id, status: 'corrected', corrected: { value: '2030-XX-XX' }, reviewer: 'ana' }, { now: NOW });
  return file;
}

function merge(old: AnnotationFile, doc: DocumentJson): AnnotationFile {
  return mergeAnnotations(old, doc, itemsFromDocument(doc)).file;
}

describe('merging a new run into annotations', () => {
  it('keeps decisions on unchanged items', () => {
    const file = reviewed();
    const merged = merge(file, storyDoc());
    expect(merged).toEqual(file);
  });

  it('keeps an item the run no longer produces, marked missing, decided or not', () => {
    const doc = storyDoc();
    const fewer = { ...doc, mentions: doc.mentions.filter((m) => m.text !== 'Oslo' && m.text !== 'Iceland') };
    const merged = merge(reviewed(), fewer);
    const oslo = byText(merged, 'Oslo');
    expect(oslo.status).toBe('rejected');
    expect(oslo.latest).toBe('missing');
    expect(oslo.note).toMatch(/metonym/);
    const iceland = byText(merged, 'Iceland');
    expect(iceland.status).toBe('pending');
    expect(iceland.latest).toBe('missing');
  });

  it('drops untouched pending drafts the run no longer produces only when asked to prune', () => {
    const doc = storyDoc();
    const fewer = { ...doc, mentions: doc.mentions.filter((m) => m.text !== 'Oslo' && m.text !== 'Iceland') };
    const merged = mergeAnnotations(reviewed(), fewer, itemsFromDocument(fewer), { pruneDrafts: true }).file;
    expect(merged.items.some((i) => i.text === 'Iceland')).toBe(false);
    expect(byText(merged, 'Oslo').latest).toBe('missing'); // decided: never pruned
  });

  it('adds new items as pending', () => {
    const doc = storyDoc();
    const more = { ...doc, mentions: [...doc.mentions, actor(STORY_ID, STORY, 'spokesman', 'person:spokesman')] };
    const merged = merge(reviewed(), more);
    const s = byText(merged, 'spokesman');
    expect(s.status).toBe('pending');
    expect(s.latest).toBe('present');
  });

  it('re-anchors decisions when text is inserted before them', () => {
    const edited = `BREAKING. ${STORY}`;
    const merged = merge(reviewed(), storyDoc(edited));
    const norway = byText(merged, 'Norway');
    expect(norway.status).toBe('accepted');
    expect(norway.start).toBe(10);
    expect(norway.anchor).toBe('moved');
    expect(norway.latest).toBe('present');
    expect(norway.previousIds).toHaveLength(1);
    const y = byText(merged, '2030');
    expect(y.status).toBe('corrected');
    expect(y.corrected).toEqual({ value: '2030-XX-XX' });
    // no duplicate pending copies of re-anchored items
    expect(merged.items.filter((i) => i.text === 'Norway')).toHaveLength(1);
  });

  it('re-anchors a decision whose item is no longer produced, shifting a corrected span', () => {
    const file = draftFile(storyDoc());
    const q = byText(file, '400 million euros');
    applyDecision(file, { itemId: q.id, status: 'corrected', corrected: { start: q.start, end: q.end + 4, value: 400 } }, { now: NOW });
    const edited = STORY.replace('agreed on', 'finally agreed on');
    const doc = storyDoc(edited);
    const without = { ...doc, mentions: doc.mentions.filter((m) => m.type !== 'quantity') };
    const merged = merge(file, without);
    const moved = byText(merged, '400 million euros');
    expect(moved.latest).toBe('missing');
    expect(moved.anchor).toBe('moved');
    expect(moved.start).toBe(q.start + 'finally '.length);
    expect(moved.corrected).toEqual({ start: moved.start, end: moved.end + 4, value: 400 });
  });

  it('finds an item between its context ends when its own text was edited', () => {
    const file = draftFile(storyDoc());
    const d = byText(file, '12 May 2019');
    applyDecision(file, { itemId: d.id, status: 'accepted' }, { now: NOW });
    const edited = STORY.replace('12 May 2019', 'May 12, 2019');
    const doc = docJson(STORY_ID, edited, [date(STORY_ID, edited, 'May 12, 2019', '2019-05-12')]);
    const merged = merge(file, doc);
    // the new mention at the same place takes over the decision
    const it = merged.items.find((i) => i.previousIds?.includes(d.id));
    expect(it?.text).toBe('May 12, 2019');
    expect(it?.status).toBe('accepted');
    expect(it?.latest).toBe('present');
  });

  it('flags an item whose text and context are both gone, keeping the decision', () => {
    const merged = merge(reviewed(), docJson(STORY_ID, 'A different text entirely, about something else.', []));
    const norway = byText(merged, 'Norway');
    expect(norway.anchor).toBe('lost');
    expect(norway.status).toBe('accepted');
    expect(norway.latest).toBe('missing');
  });

  it('keeps reviewer-added items across runs', () => {
    const file = draftFile(storyDoc());
    const [s, e] = [STORY.indexOf('a spokesman'), STORY.indexOf('a spokesman') + 'a spokesman'.length];
    addItem(file, storyDoc(), { type: 'actor', start: s, end: e, fields: { actorId: 'person:spokesman' } }, NOW);
    const merged = merge(file, storyDoc());
    const added = byText(merged, 'a spokesman');
    expect(added.origin).toBe('reviewer');
    expect(added.status).toBe('accepted');
  });
});

describe('reanchor', () => {
  const item = { start: 20, end: 26, text: 'Norway', context: { before: 'The talks between ', after: ' and Iceland ended' } };
  const cases: [string, string, number | null][] = [
    ['unchanged', 'x The talks between Norway and Iceland ended', 20],
    ['shifted right', 'xxxxx The talks between Norway and Iceland ended', 24],
    ['picks the occurrence whose context agrees', 'Norway said. The talks between Norway and Iceland ended', 31],
    ['none when the text is gone', 'The talks ended', null],
  ];
  it.each(cases)('%s', (_, text, want) => {
    const a = reanchor(text, item);
    expect(a ? a.start : null).toBe(want);
  });
});

describe('values a reviewer vouched for', () => {
  it('pins an accepted value the new run changed, so the gold does not move with the pipeline', () => {
    const file = reviewed(); // Norway accepted (actorId NOR), 2030 corrected to 2030-XX-XX
    const doc = storyDoc();
    const changed = {
      ...doc,
      mentions: doc.mentions.map((m) => (m.type === 'actor' && m.text === 'Norway' ? { ...m, actorId: 'NOR-GOV' } : m.type === 'date' && m.text === '2030' ? { ...m, value: '2031' } : m)),
    };
    const merged = merge(file, changed);
    expect(byText(merged, 'Norway')).toMatchObject({ status: 'corrected', corrected: { actorId: 'NOR' }, output: { actorId: 'NOR-GOV' } });
    // an explicit correction stays as it was; the changed raw value is not pinned over it
    expect(byText(merged, '2030')).toMatchObject({ status: 'corrected', corrected: { value: '2030-XX-XX' } });
    // a pending item just takes the new values
    const d = byText(merge(draftFile(storyDoc()), changed), 'Norway');
    expect(d).toMatchObject({ status: 'pending', output: { actorId: 'NOR-GOV' } });
    expect(d.corrected).toBeUndefined();
  });

  it('does not pin fields that did not change (confidence, rule)', () => {
    const file = reviewed();
    const doc = storyDoc();
    const changed = { ...doc, mentions: doc.mentions.map((m) => ({ ...m, confidence: 0.42, rule: 'other/rule' })) };
    expect(byText(merge(file, changed), 'Norway').status).toBe('accepted');
  });
});

describe('re-anchoring items that share a span', () => {
  it('gives each claim of a sentence its own decision back after a text edit', () => {
    // Ids chosen so that id order flips between the runs: only the relation can pair them up right.
    const mk = (text: string, ids: [string, string]) => {
      const s = text.slice(text.indexOf('Norway agreed'), text.indexOf('harbour.') + 8);
      return docJson(STORY_ID, text, [], [
        claim(STORY_ID, text, s, 'NOR', 'lend', '2019-05-12', { id: ids[0] }),
        claim(STORY_ID, text, s, 'NOR', 'agree', '2019-05-12', { id: ids[1] }),
      ]);
    };
    const file = draftFile(mk(STORY, ['c_1lend', 'c_2agree']));
    applyDecision(file, { itemId: 'c_2agree', status: 'accepted' }, { now: NOW });
    applyDecision(file, { itemId: 'c_1lend', status: 'rejected' }, { now: NOW });
    const merged = merge(file, mk(`Update at noon. ${STORY}`, ['c_2lend', 'c_1agree']));
    expect(merged.items.find((i) => i.id === 'c_1agree')).toMatchObject({ status: 'accepted', previousIds: ['c_2agree'], anchor: 'moved' });
    expect(merged.items.find((i) => i.id === 'c_2lend')).toMatchObject({ status: 'rejected', previousIds: ['c_1lend'] });
  });

  it('finds a disagreement again by what it says when its id changed', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'dis-'));
    const doc = storyDoc();
    writeLedgerWith(out, doc, doc.claims[0]!, 'x_old');
    const file = draftFile(doc, readLedgerDisagreements(out));
    applyDecision(file, { itemId: 'x_old', status: 'accepted' }, { now: NOW });
    const edited = storyDoc(`Update at noon. ${STORY}`);
    writeLedgerWith(out, edited, edited.claims[0]!, 'x_new');
    const merged = mergeAnnotations(file, edited, itemsFromDocument(edited, readLedgerDisagreements(out))).file;
    expect(merged.items.filter((i) => i.type === 'disagreement')).toEqual([expect.objectContaining({ id: 'x_new', status: 'accepted', previousIds: ['x_old'] })]);
  });
});

describe('merging never gives two items one id', () => {
  it('keeps an accepted pipeline claim on its own id when a reviewer added a claim of the same relation on the same sentence', () => {
    // Pipeline claim ids carry their relation and cue, so they differ from the id of an item a reviewer adds on the same span.
    const story = storyDoc();
    const doc = { ...story, claims: story.claims.map((c) => ({ ...c, id: 'c_lend0000000000001' })) };
    const file = draftFile(doc);
    const pipelineClaim = file.items.find((i) => i.type === 'claim')!;
    applyDecision(file, { itemId: pipelineClaim.id, status: 'accepted', reviewer: 'ana' }, { now: NOW });
    const added = addItem(
      file,
      doc,
      { type: 'claim', start: pipelineClaim.start, end: pipelineClaim.end, fields: { subject: 'NOR', relation: 'lend', object: 'FRO' }, reviewer: 'ana' },
      NOW,
    );
    const merged = merge(file, doc);
    const ids = merged.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const kept = merged.items.find((i) => i.id === pipelineClaim.id)!;
    expect(kept.status).toBe('accepted');
    expect(kept.latest).toBe('present');
    const reviewerItem = merged.items.find((i) => i.origin === 'reviewer' && i.type === 'claim')!;
    expect(reviewerItem.id).toBe(added.id);
    expect(reviewerItem.corrected ?? reviewerItem.output).toBeDefined();
  });
});
