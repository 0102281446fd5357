import { it } from 'vitest';
import { extractClaims } from '../../pipeline/claims/extract.ts';
import { markedDoc } from '../../test/claims/mark.ts';
import { nlpOf } from '../../pipeline/adapters/wink.ts';
it('x', () => {
  for (const t of ['It is unlikely that [Chile:CHL] is moving closer to [Peru:PER].', 'Protests spread in {June 2015|2015-06}. [Chilean:CHL:adjective] police detained 40 students.']) {
    const doc = markedDoc('t', t, '2024-03-10');
    console.log(nlpOf(doc).tokens.map((x) => doc.text.slice(x.start, x.end) + '/' + x.pos).join(' '));
    console.log(JSON.stringify(extractClaims(doc).map((c) => [c.relation, c.subject, c.polarity, c.confidence, c.subjectBasis, c.object])));
  }
});
