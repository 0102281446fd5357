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
