/** The `dates` stage on small hand-built docs: appends date mentions, keeps others, warns when unanchored. */
import { describe, expect, it } from 'vitest';
import { createCleanDoc } from '../../../pipeline/core/doc.ts';
import { checkStageOrder } from '../../../pipeline/core/stage.ts';
import { DateMentionSchema } from '../../../pipeline/core/schema.ts';
import { datesStage } from '../../../pipeline/extract/dates/index.ts';
import { DOC_STAGES } from '../../../pipeline/stages.ts';

describe('datesStage', () => {
  it('declares what it requires and assigns, and is registered', () => {
    expect(datesStage.name).toBe('dates');
    expect(datesStage.requires).toEqual(['text']);
    expect(datesStage.assigns).toEqual(['mentions.date']);
    expect(datesStage.dataFiles).toEqual(['dates/tables.yaml', 'dates/patterns.yaml']);
    expect(DOC_STAGES.map((s) => s.name)).toContain('dates');
    expect(() => checkStageOrder([datesStage], ['raw', 'text'])).not.toThrow();
  });

  it('anchors to the publication date and writes schema-valid mentions', () => {
    const doc = createCleanDoc('d1', 'The minister resigned yesterday, two years after the 2017 vote.', '2019-06-12');
    datesStage.run(doc);
    const dates = doc.mentions.filter((m) => m.type === 'date');
    expect(dates.map((m) => [m.text, m.type === 'date' ? m.value : ''])).toEqual([
      ['yesterday', '2019-06-11'],
      ['two years', 'P2Y'],
      ['2017', '2017'],
    ]);
    for (const m of dates) expect(DateMentionSchema.safeParse(m).success).toBe(true);
    expect(doc.messages).toEqual([]);
  });

  it('replaces its own earlier output and keeps other mentions', () => {
    const doc = createCleanDoc('d2', 'Talks resumed on Friday.', '2019-06-12');
    doc.mentions.push({ id: 'a_1', type: 'actor', start: 0, end: 5, text: 'Talks', actorId: 'x', kind: 'group', canonical: 'x', matchedBy: 'unlisted', listed: false });
    datesStage.run(doc);
    datesStage.run(doc);
    expect(doc.mentions.filter((m) => m.type === 'date')).toHaveLength(1);
    expect(doc.mentions.filter((m) => m.type === 'actor')).toHaveLength(1);
  });

  it('anchors day-level dates to a month-only publication date with lower confidence', () => {
    const doc = createCleanDoc('d4', 'The agency confirmed the outage yesterday; engineers worked on it Sunday.', '2023-05');
    datesStage.run(doc);
    const dates = doc.mentions.filter((m) => m.type === 'date');
    expect(dates.map((m) => [m.text, m.type === 'date' ? m.value : '', m.type === 'date' ? m.anchor : '', m.confidence])).toEqual([
      ['yesterday', '2023-05', 'publication', 0.5],
      ['Sunday', '2023-05', 'publication', 0.5],
    ]);
    for (const m of dates) expect(DateMentionSchema.safeParse(m).success).toBe(true);
    expect(doc.messages).toEqual([]);
  });

  it('warns once when relative dates have no publication date to anchor to', () => {
    const doc = createCleanDoc('d3', 'He left on Friday and returned yesterday.', null);
    datesStage.run(doc);
    expect(doc.messages.map((m) => m.ruleId)).toEqual(['extract/date-unanchored']);
    expect(doc.mentions.every((m) => m.type !== 'date' || m.anchor === undefined)).toBe(true);
  });
});
