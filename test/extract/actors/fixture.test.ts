/** One invented wire story end to end through the actors stage, against hand-written expectations. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCleanDoc } from '../../../pipeline/core/doc.ts';
import { actorsStage } from '../../../pipeline/extract/actors/index.ts';
import type { ActorMention } from '../../../pipeline/core/schema.ts';

const dir = new URL('../../fixtures/actors/', import.meta.url);
const text = readFileSync(new URL('summit-wire.txt', dir), 'utf8');
const want = JSON.parse(readFileSync(new URL('summit-wire.expected.json', dir), 'utf8')) as {
  published: string;
  expect: [string, string, string][];
  places: string[];
  absent: string[];
};

describe('actors stage on a wire story', () => {
  const doc = actorsStage.run(createCleanDoc('summit-wire', text, want.published));
  const actors = doc.mentions.filter((m): m is ActorMention => m.type === 'actor');

  it.each(want.expect)('%s → %s (%s)', (surface, id, by) => {
    expect(actors.find((m) => m.text === surface && m.actorId === id && m.matchedBy === by), JSON.stringify(actors.map((m) => [m.text, m.actorId, m.matchedBy]))).toBeDefined();
  });
  it.each(want.places)('%s used as a place is kind place', (surface) => {
    expect(actors.some((m) => m.text === surface && m.kind === 'place')).toBe(true);
  });
  it.each(want.absent)('%s is not an actor', (surface) => {
    expect(actors.filter((m) => m.kind !== 'place' && m.text === surface)).toEqual([]);
  });
  it('every unlisted actor has its info message', () => {
    const unlisted = actors.filter((m) => !m.listed).length;
    expect(doc.messages.filter((m) => m.ruleId === 'extract/actor-unlisted')).toHaveLength(unlisted);
  });
});
