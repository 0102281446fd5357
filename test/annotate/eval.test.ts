import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDecision } from '../../pipeline/annotate/decide.ts';
import {
  changesSince,
  checkThresholds,
  evaluate,
  goldOf,
  readHistory,
  readThresholds,
  recordRun,
  scoreType,
  type EvalItem,
} from '../../pipeline/annotate/eval.ts';
import { writeAnnotations } from '../../pipeline/annotate/format.ts';
import { draftFile } from '../../pipeline/annotate/items.ts';
import type { AnnotationItem } from '../../pipeline/annotate/schema.ts';
import { storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

const g = (start: number, end: number, key: string, type: EvalItem['type'] = 'date'): EvalItem => ({ id: `${type}${start}-${end}`, type, start, end, text: '', key });

describe('scoreType', () => {
  const cases: [string, EvalItem[], EvalItem[], { s: [number, number, number]; r: [number, number, number]; agree: number }][] = [
    ['perfect', [g(0, 4, '2019'), g(10, 14, '2020')], [g(0, 4, '2019'), g(10, 14, '2020')], { s: [2, 0, 0], r: [2, 0, 0], agree: 2 }],
    ['boundary error is a relaxed match only', [g(0, 11, '2019-05-12')], [g(3, 11, '2019-05-12')], { s: [0, 1, 1], r: [1, 0, 0], agree: 1 }],
    ['wrong value still matches the span', [g(0, 4, '2019')], [g(0, 4, '2018')], { s: [1, 0, 0], r: [1, 0, 0], agree: 0 }],
    ['a miss and a false positive', [g(0, 4, '2019')], [g(20, 24, '2019')], { s: [0, 1, 1], r: [0, 1, 1], agree: 0 }],
    ['one prediction cannot match two gold items', [g(0, 4, 'a'), g(2, 6, 'b')], [g(0, 6, 'b')], { s: [0, 1, 2], r: [1, 0, 1], agree: 1 }],
    ['nothing predicted', [g(0, 4, 'a')], [], { s: [0, 0, 1], r: [0, 0, 1], agree: 0 }],
  ];
  it.each(cases)('%s', (_, gold, pred, want) => {
    const { scores } = scoreType('d', gold, pred);
    expect([scores.strict.tp, scores.strict.fp, scores.strict.fn]).toEqual(want.s);
    expect([scores.relaxed.tp, scores.relaxed.fp, scores.relaxed.fn]).toEqual(want.r);
    expect(scores.value.agree).toBe(want.agree);
  });

  it('computes P, R and F1', () => {
    const { scores } = scoreType('d', [g(0, 1, 'a'), g(2, 3, 'b'), g(4, 5, 'c'), g(6, 7, 'd')], [g(0, 1, 'a'), g(2, 3, 'b'), g(8, 9, 'x')]);
    expect(scores.strict.p).toBeCloseTo(2 / 3);
    expect(scores.strict.r).toBeCloseTo(0.5);
    expect(scores.strict.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
  });

  it('marks a false positive a reviewer rejected before as known', () => {
    const fp = g(20, 24, '1999');
    const { errors } = scoreType('d', [], [fp], [fp]);
    expect(errors).toEqual([expect.objectContaining({ kind: 'false-positive', knownFalsePositive: true })]);
  });

  it('gives no precision when nothing is predicted and no recall when nothing is gold', () => {
    const { scores } = scoreType('d', [], []);
    expect(scores.strict.p).toBeNull();
    expect(scores.strict.r).toBeNull();
    expect(scores.strict.f1).toBeNull();
  });
});

describe('goldOf', () => {
  const base: AnnotationItem = {
    id: 'd_1',
    type: 'date',
    start: 5,
    end: 9,
    text: '2030',
    status: 'accepted',
    origin: 'pipeline',
    latest: 'present',
    anchor: 'exact',
    context: { before: '', after: '' },
    output: { timexType: 'DATE', value: '2030' },
  };
  it('takes accepted items as produced', () => expect(goldOf(base)).toMatchObject({ start: 5, end: 9, key: '2030' }));
  it('applies corrections of value, span and type', () =>
    expect(goldOf({ ...base, status: 'corrected', corrected: { value: 2030, unit: 'count', type: 'quantity', end: 10 } })).toMatchObject({ type: 'quantity', end: 10, key: '2030 count' }));
  it('ignores pending and rejected items', () => {
    expect(goldOf({ ...base, status: 'pending' })).toBeNull();
    expect(goldOf({ ...base, status: 'rejected' })).toBeNull();
  });
});

describe('evaluate over folders, thresholds and history', () => {
  function setup(): { out: string; ann: string } {
    const out = mkdtempSync(path.join(os.tmpdir(), 'eval-out-'));
    const ann = mkdtempSync(path.join(os.tmpdir(), 'eval-ann-'));
    const doc = storyDoc();
    writeDoc(out, doc);
    const file = draftFile(doc);
    for (const i of file.items) applyDecision(file, { itemId: i.id, status: 'accepted' });
    const oslo = file.items.find((i) => i.text === 'Oslo')!;
    applyDecision(file, { itemId: oslo.id, status: 'rejected' });
    const year = file.items.find((i) => i.text === '2030')!;
    applyDecision(file, { itemId: year.id, status: 'corrected', corrected: { value: '2030-12-31' } });
    writeAnnotations(path.join(ann, `${STORY_ID}.json`), file);
    return { out, ann };
  }

  it('scores a reviewed document', () => {
    const { out, ann } = setup();
    const r = evaluate(out, ann);
    expect(r.docs).toHaveLength(1);
    expect(r.overall.actor.strict).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(r.overall.date.value).toMatchObject({ matched: 2, agree: 1 });
    expect(r.overall.claim.strict).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(r.figures['actor.strict.p']).toBeCloseTo(2 / 3);
    expect(r.errors.find((e) => e.kind === 'false-positive')).toMatchObject({ text: 'Oslo', knownFalsePositive: true });
  });

  it('skips documents with no decision', () => {
    const { out } = setup();
    const ann = mkdtempSync(path.join(os.tmpdir(), 'eval-ann-'));
    writeAnnotations(path.join(ann, `${STORY_ID}.json`), draftFile(storyDoc()));
    expect(evaluate(out, ann).docs).toHaveLength(0);
  });

  it('fails a threshold only below it, and not for figures without data', () => {
    const { out, ann } = setup();
    const r = evaluate(out, ann);
    expect(checkThresholds(r.figures, { min: { 'actor.strict.p': 0.6, 'disagreement.strict.f1': 0.9 } })).toEqual([]);
    expect(checkThresholds(r.figures, { min: { 'actor.strict.p': 0.7 } })).toEqual([{ figure: 'actor.strict.p', min: 0.7, actual: expect.closeTo(2 / 3) }]);
  });

  it('rejects a thresholds file naming an unknown figure', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'thr-'));
    const f = path.join(dir, 't.json');
    writeFileSync(f, JSON.stringify({ min: { 'dates.f1': 0.5 } }));
    expect(() => readThresholds(f)).toThrow(/not a figure name/);
  });

  it('reads the committed thresholds file', () => {
    expect(Object.keys(readThresholds(path.resolve('annotations/thresholds.json')).min).length).toBeGreaterThan(0);
  });

  it('lists new errors and fixes since the last recorded run', () => {
    const { out, ann } = setup();
    const hist = path.join(out, 'eval-history.json');
    const first = evaluate(out, ann);
    recordRun(hist, readHistory(hist), first);
    // the pipeline now gets the corrected date right, and loses the Iceland mention
    const doc = storyDoc();
    const fixedDoc = {
      ...doc,
      mentions: doc.mentions.filter((m) => m.text !== 'Iceland').map((m) => (m.type === 'date' && m.text === '2030' ? { ...m, value: '2030-12-31' } : m)),
    };
    writeDoc(out, fixedDoc);
    const second = evaluate(out, ann);
    const ch = changesSince(readHistory(hist), second);
    expect(ch.previousAt).not.toBeNull();
    expect(ch.newErrors).toEqual([expect.stringMatching(/^miss harbour-loan actor .*"Iceland" ISL$/)]);
    expect(ch.fixed).toEqual([expect.stringMatching(/^value harbour-loan date .*gold=2030-12-31 pred=2030$/)]);
  });
});

describe('partly reviewed documents', () => {
  it('leaves predictions on pending items out of the counts, and counts unseen ones', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'eval-out-'));
    const ann = mkdtempSync(path.join(os.tmpdir(), 'eval-ann-'));
    const doc = storyDoc();
    writeDoc(out, doc);
    const file = draftFile(doc);
    const norway = file.items.find((i) => i.text === 'Norway')!;
    applyDecision(file, { itemId: norway.id, status: 'accepted' });
    writeAnnotations(path.join(ann, `${STORY_ID}.json`), file);
    let r = evaluate(out, ann);
    expect(r.overall.actor.strict).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(r.docs[0]!.unjudged).toBe(file.items.length - 1);
    // a prediction the file has never seen is a false positive
    const extra = { ...doc, mentions: [...doc.mentions, { ...doc.mentions.find((m) => m.text === 'Oslo')!, id: 'a_new', start: 0, end: 6, text: 'Norway', actorId: 'X' }] };
    writeDoc(out, extra);
    r = evaluate(out, ann);
    expect(r.overall.actor.strict).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });
});
