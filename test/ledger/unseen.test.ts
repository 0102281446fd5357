/**
 * Held-out check: the whole pipeline (`claims run`) over the five unseen Moldova articles
 * (test/fixtures/unseen, written by QA after the rules; docs/notes/unseen-probe.md) into a temp dir. No rule
 * names these articles; this asserts what the general rules reach (the corroborations and disagreements
 * planted in expected.yaml that they find), and that the planted near misses stay unflagged.
 * Not asserted, because the rules do not reach them yet: the reported source of the Kremlin's denial, the
 * role conventions QA chose for some subjects (the EU as the granter of candidate status, the police as the
 * accuser), and the duplicates of one disagreement found through two entries of one source.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.ts';
import { type Disagreement, type Entry, type Ledger, LedgerSchema } from '../../pipeline/ledger/index.ts';

const UNSEEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'unseen');
const COMMENTARY = 'moldova-referendum-commentary';
const WIRE = 'moldova-runoff-wire';
const BLOG = 'transnistria-appeal-blog';
const PAPER = 'moldova-energy-paper';
const MAGAZINE = 'moldova-explainer-magazine';

let out: string;
let ledger: Ledger;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'unseen-ledger-'));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await main(['node', 'claims', 'run', '-i', UNSEEN, '-o', out, '--workers', '0', '--no-progress']);
  log.mockRestore();
  write.mockRestore();
  expect(code).toBe(0);
  ledger = LedgerSchema.parse(JSON.parse(readFileSync(path.join(out, 'ledger.json'), 'utf8')));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

const docsOf = (e: Entry) => [...new Set(e.supports.map((s) => s.docId))].sort();
const corroborated = (pred: (e: Entry) => boolean) => ledger.entries.filter((e) => e.status !== 'single-source' && pred(e));
const sideDocs = (d: Disagreement) => d.sides.map((s) => [...new Set(s.claims.map((c) => c.docId))].sort().join('+')).sort();
const flagged = (kind: string, relation: string) => ledger.disagreements.filter((d) => d.kind === kind && d.sides.every((s) => s.relation === relation));

describe('unseen articles: corroborations found by general rules', () => {
  it('Sandu beats Dodon in the 2020 runoff: three sources', () => {
    const e = corroborated((x) => x.relation === 'election.win' && x.subject === 'person:maia-sandu' && x.object?.actorId === 'person:igor-dodon');
    expect(e.map(docsOf)).toContainEqual([COMMENTARY, MAGAZINE, WIRE].sort());
    expect(e.every((x) => x.period!.start >= '2020-11-01' && x.period!.end <= '2020-11-30')).toBe(true);
  });

  it('the 20 October 2024 referendum: three sources', () => {
    const e = corroborated((x) => x.relation === 'election.referendum' && x.subject === 'MDA' && x.period !== null && x.period.start <= '2024-10-20' && x.period.end >= '2024-10-20');
    expect(e.map(docsOf)).toContainEqual([COMMENTARY, MAGAZINE, WIRE].sort());
  });

  it('Moldova becomes an EU candidate in June 2022: two sources', () => {
    const e = corroborated((x) => x.relation === 'organisation.candidate' && x.subject === 'MDA' && x.object?.actorId === 'org:eu');
    expect(e.map(docsOf)).toContainEqual([COMMENTARY, MAGAZINE].sort());
    expect(e[0]!.period).toEqual({ start: '2022-06-01', end: '2022-06-30' });
  });

  it('Sandu wins the 2024 runoff against Stoianoglo/Stoyanoglo: two sources', () => {
    const e = corroborated((x) => x.relation === 'election.win' && x.subject === 'person:maia-sandu' && x.object?.actorId === 'person:alexandr-stoianoglo');
    expect(e.map(docsOf)).toContainEqual([MAGAZINE, WIRE].sort());
  });

  it('about $1 billion stolen from Moldovan banks in 2014: all four sources that tell it', () => {
    const e = corroborated((x) => x.relation === 'fraud.theft' && x.subject === 'MDA' && x.period !== null && x.period.start <= '2014-11-30' && x.period.end >= '2014-01-01');
    expect(e.map(docsOf)).toContainEqual([COMMENTARY, PAPER, MAGAZINE, WIRE].sort());
  });
});

describe('unseen articles: disagreements found by general rules', () => {
  it('date: the gas state of emergency on 20 vs 22 October 2021', () => {
    const d = flagged('date', 'emergency.declare');
    expect(d.map(sideDocs)).toContainEqual([COMMENTARY, PAPER].sort());
    expect(d[0]!.period).toEqual({ start: '2021-10-20', end: '2021-10-22' });
  });

  it('figure: the referendum Yes share, 50.46 vs 50.35 percent', () => {
    const d = flagged('figure', 'election.referendum-pass');
    const pairs = d.map(sideDocs);
    expect(pairs).toContainEqual([COMMENTARY, WIRE].sort());
    expect(pairs).toContainEqual([MAGAZINE, WIRE].sort());
    // The two sources that agree (50.35) are never on opposite sides.
    expect(pairs).not.toContainEqual([COMMENTARY, MAGAZINE].sort());
  });

  it('figure: Russian troops in Transnistria, about 1,500 vs roughly 1,100', () => {
    const pairs = flagged('figure', 'military.presence').map(sideDocs);
    expect(pairs).toContainEqual([BLOG, WIRE].sort());
    expect(pairs).toContainEqual([BLOG, MAGAZINE].sort());
    expect(pairs).not.toContainEqual([MAGAZINE, WIRE].sort());
  });

  it('polarity: the congress asked Russia to annex the region vs did not request annexation', () => {
    const d = flagged('polarity', 'independence.request-annexation');
    expect(d.map(sideDocs)).toContainEqual([BLOG, MAGAZINE].sort());
    expect(d.every((x) => x.subject === 'TNR')).toBe(true);
  });

  it("polarity: Shor's network paid voters vs Shor denies paying voters", () => {
    const d = flagged('polarity', 'interference.vote-buying');
    expect(d.map(sideDocs)).toContainEqual([MAGAZINE, WIRE].sort());
    expect(d.every((x) => x.subject === 'person:ilan-shor')).toBe(true);
  });
});

describe('unseen articles: near misses stay unflagged', () => {
  it("Dodon's support for Sandu (June 2019) and opposition (from November 2019) is a change over time", () => {
    expect(ledger.disagreements.some((d) => d.sides.some((s) => s.relation.startsWith('support.')))).toBe(false);
  });
  it('the 2021 gas emergency and the December 2024 energy emergency are two events', () => {
    const e = ledger.entries.filter((x) => x.relation === 'emergency.declare');
    expect(e.some((x) => x.supports.some((s) => s.docId === MAGAZINE) && x.supports.some((s) => s.docId === PAPER))).toBe(false);
  });
  it('55.35 vs 55.3 percent for Sandu is rounding', () => {
    expect(ledger.disagreements.some((d) => d.sides.some((s) => s.relation === 'election.win') && d.kind === 'figure')).toBe(false);
  });
  it('the first round and the runoff are not one corroborated event', () => {
    const e = corroborated((x) => x.relation === 'election.win' && x.object === undefined && x.supports.some((s) => s.docId === COMMENTARY && s.value?.value === 42.5));
    expect(e).toEqual([]);
  });
});
