import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBrat, importBrat, offsetConverters, parseBrat, toBrat } from '../../pipeline/annotate/brat.ts';
import { applyDecision } from '../../pipeline/annotate/decide.ts';
import { readAnnotations, writeAnnotations } from '../../pipeline/annotate/format.ts';
import { draftFile, readDocument } from '../../pipeline/annotate/items.ts';
import { actor, docJson, storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

describe('brat export', () => {
  it('writes a T line, a note with the value and a Status per mention, and claim→mention relations', () => {
    const doc = storyDoc();
    const file = draftFile(doc);
    const d = file.items.find((i) => i.text === '12 May 2019')!;
    applyDecision(file, { itemId: d.id, status: 'accepted' });
    // the claim links to the actor "Norway"
    const c = file.items.find((i) => i.type === 'claim')!;
    c.output.mentionIds = [file.items.find((i) => i.text === 'Norway')!.id];
    const ann = toBrat(doc.text, file);
    const [s, e] = [doc.text.indexOf('12 May 2019'), doc.text.indexOf('12 May 2019') + 11];
    expect(ann).toMatch(new RegExp(`^(T\\d+)\\tDate ${s} ${e}\\t12 May 2019$`, 'm'));
    const tid = new RegExp(`^(T\\d+)\\tDate ${s} `, 'm').exec(ann)![1];
    expect(ann).toContain(`AnnotatorNotes ${tid}\tid=${d.id} | value=2019-05-12 | timexType=DATE`);
    expect(ann).toMatch(new RegExp(`^A\\d+\\tStatus ${tid} accepted$`, 'm'));
    expect(ann).toMatch(/^R1\tMention Arg1:T\d+ Arg2:T\d+$/m);
    expect(ann).toMatch(/\tQuantity \d+ \d+\t400 million euros/);
  });

  it('counts offsets in code points and splits spans at line breaks', () => {
    const text = 'Party 🎉 in Paris.\nRome\nagreed.';
    const id = 'emoji';
    const doc = docJson(id, text, [actor(id, text, 'Paris', 'FRA'), actor(id, text, 'Rome\nagreed', 'ITA')]);
    const ann = toBrat(text, draftFile(doc));
    const cpStart = [...text.slice(0, text.indexOf('Paris'))].length;
    expect(ann).toContain(`Actor ${cpStart} ${cpStart + 5}\tParis`);
    expect(ann).toMatch(/Actor (\d+) (\d+);(\d+) (\d+)\tRome agreed/);
    // and back
    const back = parseBrat(text, ann);
    expect(back.find((e) => e.note.id?.startsWith('a_') && text.slice(e.start, e.end) === 'Paris')).toBeTruthy();
    const { toCp, toU16 } = offsetConverters(text);
    for (let u = 0; u <= text.length; u++) if (!(text.charCodeAt(u - 1) >= 0xd800 && text.charCodeAt(u - 1) <= 0xdbff)) expect(toU16(toCp(u))).toBe(u);
  });
});

describe('brat import', () => {
  function roundTrip(edit: (ann: string, text: string) => string): ReturnType<typeof readAnnotations>['file'] {
    const out = mkdtempSync(path.join(os.tmpdir(), 'brat-out-'));
    const annDir = mkdtempSync(path.join(os.tmpdir(), 'brat-ann-'));
    const bratDir = mkdtempSync(path.join(os.tmpdir(), 'brat-'));
    const doc = storyDoc();
    writeDoc(out, doc);
    writeAnnotations(path.join(annDir, `${STORY_ID}.json`), draftFile(doc));
    exportBrat(out, annDir, bratDir, [STORY_ID], (d) => draftFile(d), readDocument);
    const annPath = path.join(bratDir, `${STORY_ID}.ann`);
    writeFileSync(annPath, edit(readFileSync(annPath, 'utf8'), doc.text));
    importBrat(bratDir, annDir, 'brat-user');
    return readAnnotations(path.join(annDir, `${STORY_ID}.json`)).file;
  }

  it('changes nothing when nothing was edited', () => {
    const file = roundTrip((a) => a);
    expect(file.items.every((i) => i.status === 'pending')).toBe(true);
  });

  it('round-trips reviewed items without changing them', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'brat-out-'));
    const annDir = mkdtempSync(path.join(os.tmpdir(), 'brat-ann-'));
    const bratDir = mkdtempSync(path.join(os.tmpdir(), 'brat-'));
    const doc = storyDoc();
    writeDoc(out, doc);
    const file = draftFile(doc);
    const q = file.items.find((i) => i.type === 'quantity')!;
    applyDecision(file, { itemId: q.id, status: 'corrected', corrected: { end: q.end - 6, value: 400 } });
    applyDecision(file, { itemId: file.items.find((i) => i.text === 'Oslo')!.id, status: 'rejected' });
    applyDecision(file, { itemId: file.items.find((i) => i.type === 'claim')!.id, status: 'accepted' });
    const annPath = path.join(annDir, `${STORY_ID}.json`);
    writeAnnotations(annPath, file);
    const before = readFileSync(annPath, 'utf8');
    exportBrat(out, annDir, bratDir, [STORY_ID], (d) => draftFile(d), readDocument);
    expect(importBrat(bratDir, annDir, 'x')).toEqual([{ id: STORY_ID, changed: 0 }]);
    expect(readFileSync(annPath, 'utf8')).toBe(before);
  });

  it('takes statuses, corrected values and spans, deletions and additions', () => {
    const file = roundTrip((a, text) => {
      let s = a;
      // accept Norway
      const norway = /^(T\d+)\tActor \d+ \d+\tNorway$/m.exec(s)![1];
      s = s.replace(new RegExp(`Status ${norway} pending`), `Status ${norway} accepted`);
      // correct the value of 2030
      s = s.replace('value=2030 |', 'value=2030-12-31 |');
      // widen "Iceland" to "lend Iceland"? no: narrow the quantity span to "400 million"
      const q = text.indexOf('400 million euros');
      s = s.replace(`Quantity ${q} ${q + 17}\t400 million euros`, `Quantity ${q} ${q + 11}\t400 million`);
      // delete the Oslo mention
      const oslo = /^(T\d+)\tActor \d+ \d+\tOslo$/m.exec(s)![1];
      s = s.split('\n').filter((l) => !new RegExp(`\\b${oslo}\\b`).test(l)).join('\n');
      // add a mention the pipeline missed
      const sp = text.indexOf('a spokesman');
      s += `T99\tActor ${sp} ${sp + 11}\ta spokesman\n#99\tAnnotatorNotes T99\tactorId=person:spokesman\n`;
      return s;
    });
    const by = (t: string) => file.items.find((i) => i.text === t)!;
    expect(by('Norway')).toMatchObject({ status: 'accepted', reviewer: 'brat-user' });
    expect(by('2030')).toMatchObject({ status: 'corrected', corrected: { value: '2030-12-31' } });
    expect(by('400 million euros')).toMatchObject({ status: 'corrected', corrected: { end: by('400 million euros').start + 11 } });
    expect(by('Oslo')).toMatchObject({ status: 'rejected', note: 'deleted in brat' });
    expect(by('a spokesman')).toMatchObject({ origin: 'reviewer', status: 'accepted', output: { actorId: 'person:spokesman' } });
    expect(by('Iceland').status).toBe('pending');
  });
});
