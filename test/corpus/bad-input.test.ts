import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../pipeline/core/schema.ts';
import { normaliseStage } from '../../pipeline/normalise/index.ts';
import { runPipeline } from '../../pipeline/runner/run.ts';

const GOOD = [
  'Port workers end strike after pay deal',
  '',
  'By Jane Roe',
  'Published on 3 March 2023',
  '',
  'Dockworkers returned to work on Friday after the union accepted a 12 percent pay rise over two years.',
  '',
  'The operator said ships waiting at anchor would be cleared by the end of next week.',
  '',
].join('\n');

describe('runPipeline on a corpus with bad inputs', () => {
  const input = mkdtempSync(path.join(tmpdir(), 'bad-corpus-'));
  const output = mkdtempSync(path.join(tmpdir(), 'bad-out-'));
  writeFileSync(path.join(input, 'good.txt'), GOOD);
  writeFileSync(path.join(input, 'empty.txt'), '');
  writeFileSync(path.join(input, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
  writeFileSync(path.join(input, 'latin1.txt'), iconv.encode(GOOD.replace('Jane Roe', 'José Müller'), 'latin1'));
  // 50 MB of text, over the 20 MB default limit (generated here, never committed)
  writeFileSync(path.join(input, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'All work and no play. '));
  writeFileSync(path.join(input, 'nosentences.txt'), 'Home\nNews\nSport\nWeather\n\n• About\n• Contact\n\n© 2024 Example Media\n');
  writeFileSync(path.join(input, 'manifest.json'), JSON.stringify({ good: { published: 'last Tuesday' } }));
  // Earlier output for a document whose input has since gone bad.
  mkdirSync(path.join(output, 'documents'), { recursive: true });
  const earlier = `${JSON.stringify({ id: 'empty', note: 'written by an earlier run' }, null, 2)}\n`;
  writeFileSync(path.join(output, 'documents', 'empty.json'), earlier);

  const lines: string[] = [];
  const summary = runPipeline({ input, output, stages: [normaliseStage], noCorpusSteps: true, log: (l) => lines.push(l) });
  const reasons = Object.fromEntries(summary.skipped.map((s) => [s.id, s.reasons]));

  it('reads every file and writes the good ones', () => {
    expect(summary.read).toBe(6);
    expect(summary.written).toBe(2);
    for (const id of ['good', 'latin1']) {
      const json = DocumentSchema.parse(JSON.parse(readFileSync(path.join(output, 'documents', `${id}.json`), 'utf8')));
      expect(json.meta.title).toBe('Port workers end strike after pay deal');
      expect(json.meta.published).toBe('2023-03-03');
    }
  });

  it.each([
    ['empty', 'input/empty'],
    ['binary', 'input/binary'],
    ['huge', 'input/too-large'],
    ['nosentences', 'input/no-sentences'],
  ])('skips %s with %s and says so, naming the file', (id, rule) => {
    expect(reasons[id]).toEqual([rule]);
    expect(lines.some((l) => l.includes(`${id}.txt`) && l.includes(rule))).toBe(true);
    if (id !== 'empty') expect(existsSync(path.join(output, 'documents', `${id}.json`))).toBe(false);
  });

  it('decodes the Latin-1 file with a warning', () => {
    const json = JSON.parse(readFileSync(path.join(output, 'documents', 'latin1.json'), 'utf8')) as { meta: { authors: string[] }; messages: { ruleId: string }[] };
    expect(json.meta.authors).toEqual(['José Müller']);
    expect(json.messages.map((m) => m.ruleId)).toContain('input/not-utf8');
    expect(lines.some((l) => l.includes('latin1.txt') && l.includes('input/not-utf8'))).toBe(true);
  });

  it('reports the bad manifest, naming it, and goes on without it', () => {
    expect(lines.some((l) => l.includes('manifest/invalid') && l.includes('manifest.json'))).toBe(true);
    const json = JSON.parse(readFileSync(path.join(output, 'documents', 'good.json'), 'utf8')) as { meta: { publishedBasis: string } };
    expect(json.meta.publishedBasis).toBe('stated');
  });

  it('leaves the earlier output of a now-bad input whole (never truncated or half-written)', () => {
    const file = path.join(output, 'documents', 'empty.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(earlier);
  });
});
