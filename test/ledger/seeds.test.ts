/**
 * Acceptance on the five seed articles (corpus/): the whole per-document
 * pipeline, then the ledger. Expectations are about the seeds; no rule is.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../pipeline/core/doc.ts';
import { runStages } from '../../pipeline/core/stage.ts';
import { listCorpus, readCorpusFile } from '../../pipeline/corpus/read.ts';
import { buildLedger, LedgerSchema, type Ledger } from '../../pipeline/ledger/index.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus');
let ledger: Ledger;

beforeAll(() => {
  const docs = listCorpus(CORPUS).map((f) => toJson(runStages(readCorpusFile(CORPUS, f), DOC_STAGES)));
  ledger = buildLedger(docs);
}, 120_000);

describe('seed corpus ledger', () => {
  it('validates', () => {
    expect(LedgerSchema.safeParse(ledger).success).toBe(true);
  });

  it('flags autumn 2015 (turning to the West) against early 2016 (not shifting its priorities to the West)', () => {
    const d = ledger.disagreements.find(
      (x) =>
        x.kind === 'contrary' &&
        x.subject === 'BLR' &&
        x.sides.every((s) => s.relation.startsWith('alignment.')) &&
        x.sides[0].claims.some((c) => c.published?.startsWith('2015-')) &&
        x.sides[1].claims.some((c) => c.published?.startsWith('2016-')),
    );
    expect(d, JSON.stringify(ledger.disagreements.map((x) => x.summary))).toBeDefined();
    expect(d!.sides[1].polarity).toBe('negated');
    expect(d!.sides[1].claims[0]!.quote).toMatch(/West/);
    expect(d!.period).not.toBeNull();
  });

  it('has no disagreement between sources years apart (changes over time)', () => {
    for (const d of ledger.disagreements) {
      const years = d.sides.flatMap((s) => s.claims.map((c) => Number((c.published ?? '0').slice(0, 4))));
      expect(Math.max(...years) - Math.min(...years)).toBeLessThanOrEqual(1);
    }
  });

  it('makes the August 2020 election one corroborated entry from three sources', () => {
    const e = ledger.entries.find(
      (x) => x.relation === 'election.held' && x.subject === 'BLR' && x.period !== null && x.period.start >= '2020-08-01' && x.period.end <= '2020-08-31' && x.sourceCount >= 3,
    );
    expect(e, JSON.stringify(ledger.entries.filter((x) => x.relation === 'election.held').map((x) => [x.summary, x.sourceCount]))).toBeDefined();
    expect(e!.status).toBe('corroborated');
    expect(e!.supports.every((s) => s.quote.length > 0 && s.published !== null)).toBe(true);
  });

  it('answers who gained, sought, defended, threatened, risked or lost Belarus\'s independence, and when', () => {
    const t = ledger.timelines['independence']!;
    const has = (relation: string, pred: (i: (typeof t)[number]) => boolean) => t.some((i) => i.relation === relation && i.date !== null && pred(i));
    expect(has('independence.gain', (i) => i.subject === 'BLR' && i.timeValue === '1991')).toBe(true);
    expect(has('independence.seek', (i) => i.object?.actorId === 'BLR')).toBe(true);
    expect(has('independence.defend', (i) => i.object?.actorId === 'BLR')).toBe(true);
    expect(has('independence.threaten', (i) => i.subject === 'RUS' && i.object?.actorId === 'BLR')).toBe(true);
    expect(has('independence.risk', (i) => i.subject === 'BLR')).toBe(true);
    expect(has('independence.have', (i) => i.subject === 'BLR' && i.polarity === 'negated')).toBe(true);
    const dates = t.map((i) => i.date ?? '9999');
    expect(dates).toEqual([...dates].sort());
  });
});
