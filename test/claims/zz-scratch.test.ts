import { it } from 'vitest';
import { createCleanDoc, toJson } from '../../pipeline/core/doc.ts';
import { runStages } from '../../pipeline/core/stage.ts';
import { DOC_STAGES } from '../../pipeline/stages.ts';
it('x', () => {
  const stages = DOC_STAGES.filter((s) => s.name !== 'normalise');
  for (const [p, t] of [['2024-11-04', 'With almost all ballots counted, Sandu had 55.35 percent against 44.65 percent for Alexandr Stoyanoglo, a former prosecutor general backed by the pro-Russian Party of Socialists, the Central Electoral Commission said on Monday.']]) {
    const d = toJson(runStages(createCleanDoc('x', t!, p!), stages));
    console.log(JSON.stringify(d.mentions.filter((m) => m.type === 'date')));
    console.log(JSON.stringify(d.claims.map((c) => [c.relation, c.subject, c.object, c.time, c.confidence, c.modality])));
  }
});
