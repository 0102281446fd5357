/**
 * Short articles of our own through the real stages (dates, actors,
 * quantities, claims) and into the ledger: aliases and wordings meet in one
 * entry; qualifiers and measures decide figure conflicts.
 */
import { describe, expect, it } from 'vitest';
import { createCleanDoc, toJson } from '../../pipeline/core/doc.ts';
import { runStages } from '../../pipeline/core/stage.ts';
import { buildLedger } from '../../pipeline/ledger/index.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';

const stages = DOC_STAGES.filter((s) => s.name !== 'normalise');

function article(id: string, published: string, text: string) {
  return toJson(runStages(createCleanDoc(id, text, published), stages));
}

const ledger = buildLedger([
  article('wire-a', '2015-09-02', 'In August 2015 Lukashenka released six political prisoners. Russia accounts for over 40% of Belarus\'s exports.'),
  article('wire-b', '2015-09-20', 'The EU welcomed Minsk\'s release of six political prisoners in August 2015. Russia accounts for 35 percent of Belarus\'s exports.'),
  article('wire-c', '2015-10-01', 'Lukashenko released six political prisoners in August 2015. Russia accounts for more than half of Belarus\'s imports.'),
]);

describe('ledger from short articles through the real stages', () => {
  it('puts "Lukashenka released", "Minsk\'s release" and "Lukashenko released" in one corroborated entry', () => {
    const e = ledger.entries.filter((x) => x.relation === 'prisoners.release');
    expect(e.map((x) => x.subject)).toEqual(['BLR']);
    expect(e[0]!.supports.map((s) => s.docId).sort()).toEqual(['wire-a', 'wire-b', 'wire-c']);
    expect(e[0]!.supports.every((s) => s.value?.value === 6)).toBe(true);
    expect(e[0]!.status).toBe('corroborated');
  });

  it('flags "over 40%" against "35%" of exports, and not "more than half" of imports', () => {
    const figures = ledger.disagreements.filter((d) => d.kind === 'figure');
    expect(figures).toHaveLength(1);
    const docs = figures[0]!.sides.map((s) => s.claims[0]!.docId).sort();
    expect(docs).toEqual(['wire-a', 'wire-b']);
  });
});

describe('dates of one event', () => {
  const l = buildLedger([
    article('d-1', '2023-05-01', 'Finland joined NATO on 4 April 2023. Kenya held a presidential election on 9 August 2022.'),
    article('d-2', '2023-06-01', 'Finland joined NATO on 5 April 2023. Kenya held a presidential election on 8 August 2022.'),
    article('d-3', '2023-07-01', 'Kenya held a presidential election in August 2022. Poland held a presidential election on 28 June 2020. Poland held a presidential election on 12 July 2020.'),
  ]);
  it('flags a one-time event given two dates, and an election given two days', () => {
    const d = l.disagreements.filter((x) => x.kind === 'date');
    expect(d.map((x) => x.sides[0].relation).sort()).toEqual(['election.held', 'organisation.join']);
    expect(d.every((x) => x.sides[0].claims[0]!.docId !== x.sides[1].claims[0]!.docId)).toBe(true);
  });
  it('does not flag a month that contains the day, nor two rounds told by one source', () => {
    const kenya = l.entries.filter((e) => e.relation === 'election.held' && e.subject === 'KEN');
    expect(kenya.some((e) => e.supports.some((s) => s.docId === 'd-3'))).toBe(true);
    expect(l.disagreements.some((x) => x.sides.some((s) => s.claims.some((c) => c.docId === 'd-3')))).toBe(false);
  });
});
