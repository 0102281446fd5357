import { describe, expect, it } from 'vitest';
import { createDoc } from '../../pipeline/core/doc.ts';
import { normalise } from '../../pipeline/normalise/index.ts';

/** A small hand-built paste: a title line, then the given paragraphs. */
function run(...paras: string[]) {
  return normalise(createDoc('t', 't.txt', ['A headline for the test article', '', ...paras.flatMap((p) => [p, ''])].join('\n')));
}

describe('publication date inference (no date stated)', () => {
  it.each([
    {
      rule: 'a stated time of writing wins over later dated events',
      paras: ['At the time of writing (March 2019), the talks had stalled again.', 'Elections will take place in June 2019, officials said.'],
      published: '2019-03',
      evidence: 'At the time of writing (March 2019)',
    },
    {
      rule: '"as of" in a present-tense sentence is the writer\'s now',
      paras: ['As of May 2017, the pipeline carries half of the country\'s gas imports.', 'The project was approved in 2012 after long talks.'],
      published: '2017-05',
      evidence: 'As of May 2017, the pipeline carries half of the country\'s gas imports.',
    },
    {
      rule: '"as of" in a past-tense sentence is only a past event',
      paras: ['As of May 2017, the pipeline was still unfinished.', 'The minister resigned in September 2018 after the audit.'],
      published: '2018-09',
      evidence: 'The minister resigned in September 2018 after the audit.',
    },
    {
      rule: 'the latest dated event reported as past is a lower bound',
      paras: ['The treaty was signed in April 2009 in Prague.', 'Ratification followed in January 2011, when the parliament voted.'],
      published: '2011-01',
      evidence: 'Ratification followed in January 2011, when the parliament voted.',
    },
    {
      rule: 'an upcoming event is not a lower bound',
      paras: ['The coalition collapsed in October 2021 over the budget.', 'New elections will be held in March 2022, the president said.'],
      published: '2021-10',
      evidence: 'The coalition collapsed in October 2021 over the budget.',
    },
    {
      rule: 'an unyeared past date lies after the latest year-qualified date',
      paras: ['The company first defaulted in fall 2019, shortly after the crash.', 'On March 4, creditors rejected the restructuring plan.'],
      published: '2020-03',
      evidence: 'On March 4, creditors rejected the restructuring plan.',
    },
    {
      rule: 'a period called "last summer" is later than the latest year-qualified date',
      paras: [
        'The protests of August 2015 changed the country.',
        'Last summer the government agreed to new talks with the unions.',
        'On January 12, the talks broke down again.',
      ],
      published: '2017-01',
      evidence: 'On January 12, the talks broke down again.',
    },
    {
      rule: 'endnote citation dates count as past',
      paras: ['The reform stalled after the vote in 2014 and never recovered.', 'Notes', '- Interview with the minister, 3 February 2016.'],
      published: '2016-02',
      evidence: 'Interview with the minister, 3 February 2016.',
    },
    {
      rule: 'a date written with its weekday is in the year where that day falls on that weekday, nearest the other evidence',
      paras: ['The coalition was formed in March 2021 after long talks.', 'On Sunday, October 8, voters rejected the plan in a referendum.'],
      published: '2023-10',
      evidence: 'On Sunday, October 8, voters rejected the plan in a referendum.',
    },
    {
      rule: 'a year-less month inside a dated narrative belongs to the narrative, not to the latest year',
      paras: ['In June 2019 the coalition was formed. By November, however, it had collapsed.', 'The party was dissolved in February 2021.'],
      published: '2021-02',
      evidence: 'The party was dissolved in February 2021.',
    },
    {
      rule: 'a year-less month after an older dated event in the same paragraph reads forward from it',
      paras: ['The party was dissolved in February 2021.', 'In October 2022 the gas price doubled. By February, the government had resigned.'],
      published: '2023-02',
      evidence: 'By February, the government had resigned.',
    },
    {
      rule: '"due by" announces an upcoming event: no lower bound',
      paras: ['The treaty was ratified in May 2022 after a long debate.', 'Elections are due by the summer of 2024, officials said.'],
      published: '2022-05',
      evidence: 'The treaty was ratified in May 2022 after a long debate.',
    },
    {
      rule: 'a verbless clause takes the future tense of its sentence',
      paras: ['The treaty was ratified in May 2022 after a long debate.', 'She will face her rival, a former judge backed by the army, in a runoff on November 3.'],
      published: '2022-05',
      evidence: 'The treaty was ratified in May 2022 after a long debate.',
    },
  ])('$rule', ({ paras, published, evidence }) => {
    const doc = run(...paras);
    expect(doc.meta.published).toBe(published);
    expect(doc.meta.publishedBasis).toBe('inferred');
    expect(doc.meta.publishedEvidence).toContain(evidence);
    const span = doc.meta.publishedEvidenceSpan!;
    expect(doc.text.slice(span.start, span.end)).toBe(doc.meta.publishedEvidence);
    expect(doc.messages.map((m) => m.ruleId)).toContain('normalise/published-inferred');
  });

  it('gives no date, and says so, when the text has no dated evidence', () => {
    const doc = run('The minister said the talks were going well and would continue.');
    expect(doc.meta.published).toBeNull();
    expect(doc.meta.publishedBasis).toBe('none');
    expect(doc.messages.map((m) => m.ruleId)).toContain('normalise/no-published');
  });

  it('a stated date wins over inference, and the manifest wins over both', () => {
    const stated = run('Published on 2 June 2020', 'The ceasefire was agreed in January 2021 and held for a month.');
    // the dateline sits after the title: it is stated
    expect(stated.meta.published).toBe('2020-06-02');
    expect(stated.meta.publishedBasis).toBe('stated');
    const d = createDoc('m', 'm.txt', 'A headline for the test article\n\nPublished on 2 June 2020\n\nThe ceasefire was agreed in January 2021 and held.\n');
    d.meta = { ...d.meta, published: '2020-07', publishedBasis: 'manifest', publishedEvidence: 'manifest.yaml: published 2020-07', confidence: 1 };
    expect(normalise(d).meta.published).toBe('2020-07');
  });
});
