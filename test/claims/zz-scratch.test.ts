import { it } from 'vitest';
import { createCleanDoc, toJson } from '../../pipeline/core/doc.ts';
import { runStages } from '../../pipeline/core/stage.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';
it('x', () => {
  const stages = DOC_STAGES.filter((s) => s.name !== 'normalise');
  for (const [p, t] of [['2015-09-02', "In August 2015 Lukashenka released six political prisoners. Russia accounts for over 40% of Belarus's exports."], ['2015-09-20', "The EU welcomed Minsk's release of six political prisoners in August 2015. Russia accounts for 35 percent of Belarus's exports."]]) {
    const d = toJson(runStages(createCleanDoc('x', t!, p!), stages));
    console.log(JSON.stringify(d.claims.map((c) => [c.relation, c.subject, c.object, c.value, c.time, c.confidence, c.modality])));
  }
});
