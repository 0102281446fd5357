/**
 * Recall of the actors stage on the five unseen Moldova articles (test/fixtures/unseen/,
 * hand-written gold in expected.yaml; see docs/notes/unseen-probe.md). Each file is read as
 * clean text with its stated publication date, so the figure measures actor extraction (with
 * the dates stage for dated roles and metonyms), not the normaliser. Expected items are matched
 * in document order to the first unused overlapping mention, as the probe's scorer does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCleanDoc } from '../../../pipeline/core/doc.ts';
import { datesStage } from '../../../pipeline/extract/dates/index.ts';
import { actorsStage } from '../../../pipeline/extract/actors/index.ts';
import type { ActorMention } from '../../../pipeline/core/schema.ts';

const dir = new URL('../../fixtures/unseen/', import.meta.url);
interface ExpectedActor {
  text: string;
  id: string;
  optional?: boolean;
}
const expected = parse(readFileSync(new URL('expected.yaml', dir), 'utf8')) as {
  documents: Record<string, { published: string; actors?: ExpectedActor[] }>;
};

/** Floors reached on 2026-11-22 (106 right, 1 wrong, 4 missed of 111); the probe's baseline was 58 / 4 / 49. */
const RECALL_FLOOR = 0.93;
const WRONG_CEILING = 3;

function score(id: string, doc: { published: string; actors?: ExpectedActor[] }): { right: number; wrong: string[]; missed: string[] } {
  const text = readFileSync(new URL(`${id}.txt`, dir), 'utf8');
  const out = actorsStage.run(datesStage.run(createCleanDoc(id, text, doc.published)));
  const mentions = out.mentions.filter((m): m is ActorMention => m.type === 'actor');
  const used = new Set<string>();
  const res = { right: 0, wrong: [] as string[], missed: [] as string[] };
  let cur = 0;
  for (const it of doc.actors ?? []) {
    if (it.optional) continue;
    const pos = out.text.indexOf(it.text, cur);
    if (pos < 0) {
      res.missed.push(`${it.text} (not in text)`);
      continue;
    }
    cur = pos + 1;
    const m = mentions.find((x) => !used.has(x.id) && x.start < pos + it.text.length && x.end > pos);
    if (!m) {
      res.missed.push(`${it.text} → ${it.id}`);
      continue;
    }
    used.add(m.id);
    if (m.actorId === it.id) res.right++;
    else res.wrong.push(`${it.text} → ${m.actorId}, want ${it.id}`);
  }
  return res;
}

describe('actors on the unseen Moldova fixtures', () => {
  const per = Object.entries(expected.documents).map(([id, doc]) => [id, score(id, doc)] as const);
  const total = per.reduce((t, [, r]) => ({ right: t.right + r.right, wrong: t.wrong + r.wrong.length, missed: t.missed + r.missed.length }), { right: 0, wrong: 0, missed: 0 });
  const all = total.right + total.wrong + total.missed;
  const detail = JSON.stringify(per.map(([id, r]) => [id, r.wrong, r.missed]));

  it('every fixture has expected actors', () => {
    expect(per.length).toBe(5);
    expect(all).toBeGreaterThan(100);
  });
  it(`recall of expected actors with the right id is at least ${RECALL_FLOOR}`, () => {
    expect(total.right / all, detail).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });
  it(`at most ${WRONG_CEILING} expected actors get a wrong id`, () => {
    expect(total.wrong, detail).toBeLessThanOrEqual(WRONG_CEILING);
  });
  it.each(per.map(([id, r]) => [id, r] as const))('%s: most of its actors are right', (_id, r) => {
    const n = r.right + r.wrong.length + r.missed.length;
    expect(r.right / n, JSON.stringify(r)).toBeGreaterThanOrEqual(0.85);
  });
});
