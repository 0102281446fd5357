import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDecision } from '../../pipeline/annotate/decide.ts';
import { evaluate } from '../../pipeline/annotate/eval.ts';
import { readAnnotations, writeAnnotations } from '../../pipeline/annotate/format.ts';
import { readLedgerDisagreements } from '../../pipeline/annotate/items.ts';
import { updateAnnotations } from '../../pipeline/annotate/update.ts';
import { storyDoc, writeDoc, writeLedgerWith, STORY_ID } from '../fixtures/annotate/build.ts';

describe('disagreements in annotation files and eval', () => {
  function setup(): { out: string; ann: string } {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ledger-out-'));
    const ann = mkdtempSync(path.join(os.tmpdir(), 'ledger-ann-'));
    const doc = storyDoc();
    writeDoc(out, doc);
    writeLedgerWith(out, doc, doc.claims[0]!, 'x_disagree1');
    return { out, ann };
  }

  it('turns a disagreement involving the document into an item at its claim', () => {
    const { out, ann } = setup();
    expect(readLedgerDisagreements(out)).toHaveLength(1);
    updateAnnotations(out, ann);
    const items = readAnnotations(path.join(ann, `${STORY_ID}.json`)).file.items.filter((i) => i.type === 'disagreement');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'x_disagree1', start: storyDoc().claims[0]!.start, output: { kind: 'date' } });
  });

  it('scores disagreements by id: a hit, then a miss when the ledger loses it', () => {
    const { out, ann } = setup();
    updateAnnotations(out, ann);
    const f = path.join(ann, `${STORY_ID}.json`);
    const { file } = readAnnotations(f);
    applyDecision(file, { itemId: 'x_disagree1', status: 'accepted' });
    writeAnnotations(f, file);
    expect(evaluate(out, ann).overall.disagreement.strict).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    rmSync(path.join(out, 'ledger.json'));
    expect(evaluate(out, ann).overall.disagreement.strict).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    // and the merge keeps the accepted disagreement, marked missing
    updateAnnotations(out, ann);
    expect(readAnnotations(f).file.items.find((i) => i.id === 'x_disagree1')).toMatchObject({ status: 'accepted', latest: 'missing' });
  });
});
