/**
 * The annotate / eval / export commands, driven through commander as the CLI
 * drives them (registered on a fresh program, so other commands' work in
 * progress cannot break these tests).
 */
import { Command } from 'commander';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readAnnotations } from '../../pipeline/annotate/format.ts';
import { registerAnnotate, parseField } from '../../pipeline/cli/commands/annotate.ts';
import { registerEval } from '../../pipeline/cli/commands/eval.ts';
import { registerExport } from '../../pipeline/cli/commands/export.ts';
import { storyDoc, writeDoc, STORY_ID } from '../fixtures/annotate/build.ts';

async function claims(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let code = -1;
  const program = new Command().exitOverride();
  const setExit = (c: number): void => {
    code = c;
  };
  registerAnnotate(program, setExit);
  registerEval(program, setExit);
  registerExport(program, setExit);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    await program.parseAsync(['node', 'claims', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function dirs(): { out: string; ann: string; A: string[] } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'cli-out-'));
  const ann = mkdtempSync(path.join(os.tmpdir(), 'cli-ann-'));
  writeDoc(out, storyDoc());
  return { out, ann, A: ['-o', out, '-a', ann] };
}

describe('claims annotate', () => {
  it('parses --field values with their types', () => {
    expect(parseField('value=2015-10')).toEqual(['value', '2015-10']);
    expect(parseField('value=400')).toEqual(['value', 400]);
    expect(parseField('start=12')).toEqual(['start', 12]);
    expect(() => parseField('novalue')).toThrow(/key=value/);
  });

  it('update, list, set and check from the terminal', async () => {
    const { ann, A } = dirs();
    expect((await claims(['annotate', 'update', ...A])).code).toBe(0);
    const list = await claims(['annotate', 'list', STORY_ID, ...A, '--status', 'pending']);
    const line = list.stdout.split('\n').find((l) => l.includes('"2030"'))!;
    const id = line.split(/\s+/)[0]!;
    const set = await claims(['annotate', 'set', STORY_ID, id, 'corrected', '--field', 'value=2030-12-31', '--note', 'end of year', '--reviewer', 'ana', ...A]);
    expect(set.code, set.stderr).toBe(0);
    const item = readAnnotations(path.join(ann, `${STORY_ID}.json`)).file.items.find((i) => i.id === id);
    expect(item).toMatchObject({ status: 'corrected', corrected: { value: '2030-12-31' }, note: 'end of year', reviewer: 'ana' });
    // a second update keeps the decision
    expect((await claims(['annotate', 'update', ...A])).code).toBe(0);
    expect(readAnnotations(path.join(ann, `${STORY_ID}.json`)).file.items.find((i) => i.id === id)?.status).toBe('corrected');
    expect((await claims(['annotate', 'check', ...A])).code).toBe(0);
  });

  it('refuses a bad status, an unknown item and a corrected status without fields, leaving the file alone', async () => {
    const { ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const file = path.join(ann, `${STORY_ID}.json`);
    const before = readFileSync(file, 'utf8');
    const id = readAnnotations(file).file.items[0]!.id;
    for (const args of [
      ['annotate', 'set', STORY_ID, id, 'maybe'],
      ['annotate', 'set', STORY_ID, 'q_0000', 'accepted'],
      ['annotate', 'set', STORY_ID, id, 'corrected'],
      ['annotate', 'set', '../etc', id, 'accepted'],
    ]) {
      const r = await claims([...args, ...A]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/claims annotate set: /);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('stats counts decisions per type and status', async () => {
    const { ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const items = readAnnotations(path.join(ann, `${STORY_ID}.json`)).file.items;
    await claims(['annotate', 'set', STORY_ID, items.find((i) => i.text === 'Oslo')!.id, 'rejected', ...A]);
    await claims(['annotate', 'set', STORY_ID, items.find((i) => i.text === 'Norway')!.id, 'accepted', ...A]);
    const r = await claims(['annotate', 'stats', ...A, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total.actor).toEqual({ accepted: 1, corrected: 0, rejected: 1, pending: 1, added: 0 });
  });

  it('check names file and line of a mangled file', async () => {
    const { ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const file = path.join(ann, `${STORY_ID}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"latest": "present"', '"latest": "gone"'));
    const r = await claims(['annotate', 'check', ...A]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${STORY_ID}\\.json:\\d+: fails the annotation schema at items\\.\\d+\\.latest`));
  });
});

describe('claims eval', () => {
  it('exits 1 below a threshold, 0 at or above, and records the run', async () => {
    const { out, ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const file = path.join(ann, `${STORY_ID}.json`);
    for (const i of readAnnotations(file).file.items) await claims(['annotate', 'set', STORY_ID, i.id, i.text === 'Oslo' ? 'rejected' : 'accepted', ...A]);
    writeFileSync(path.join(ann, 'thresholds.json'), JSON.stringify({ min: { 'actor.strict.p': 0.9 } }));
    const low = await claims(['eval', '--out', out, '--annotations', ann]);
    expect(low.code, low.stdout).toBe(1);
    expect(low.stdout).toMatch(/BELOW THRESHOLD: actor\.strict\.p = 0\.667 < 0\.9/);
    expect(existsSync(path.join(out, 'eval-history.json'))).toBe(true);
    writeFileSync(path.join(ann, 'thresholds.json'), JSON.stringify({ min: { 'actor.strict.p': 0.6, 'date.strict.f1': 1 } }));
    const ok = await claims(['eval', '--out', out, '--annotations', ann]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/since the run of .*: 0 new error\(s\), 0 fixed/);
    const json = await claims(['eval', '--out', out, '--annotations', ann, '--format', 'json', '--no-record']);
    expect(JSON.parse(json.stdout).figures['date.strict.f1']).toBe(1);
  });
});

describe('claims export / import', () => {
  it('writes brat files for each document', async () => {
    const { out, ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const brat = mkdtempSync(path.join(os.tmpdir(), 'cli-brat-'));
    const r = await claims(['export', '--format', 'brat', '--out', brat, '--input', out, '--annotations', ann]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(brat, `${STORY_ID}.txt`), 'utf8')).toBe(storyDoc().text);
    expect(readFileSync(path.join(brat, `${STORY_ID}.ann`), 'utf8')).toMatch(/^T1\t/);
    expect(readFileSync(path.join(brat, 'annotation.conf'), 'utf8')).toMatch(/\[entities\]/);
    const imp = await claims(['import', brat, '--format', 'brat', '--annotations', ann]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toMatch(/0 item\(s\) changed/);
  });
});

describe('claims annotate apply', () => {
  it('applies a JSON Lines file of decisions and additions in one write', async () => {
    const { ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const file = path.join(ann, `${STORY_ID}.json`);
    const items = readAnnotations(file).file.items;
    const first = items[0]!;
    const second = items[1]!;
    const doc = storyDoc();
    const at = doc.text.indexOf(' ') + 1; // a span the pipeline did not mark
    const jsonl = path.join(ann, 'decisions.jsonl');
    writeFileSync(
      jsonl,
      [
        JSON.stringify({ itemId: first.id, status: 'accepted' }),
        JSON.stringify({ itemId: second.id, status: 'rejected', note: 'not an actor here' }),
        JSON.stringify({ add: { type: 'date', start: 0, end: at - 1, fields: { value: '2030' } } }),
      ].join('\n'),
    );
    const r = await claims(['annotate', 'apply', STORY_ID, jsonl, '--reviewer', 'ana', ...A]);
    expect(r.code).toBe(0);
    const after = readAnnotations(file).file.items;
    expect(after.find((i) => i.id === first.id)?.status).toBe('accepted');
    expect(after.find((i) => i.id === second.id)?.note).toBe('not an actor here');
    expect(after.some((i) => i.origin === 'reviewer' && i.start === 0)).toBe(true);
  });

  it('writes nothing when any line is bad, and names the line', async () => {
    const { ann, A } = dirs();
    await claims(['annotate', 'update', ...A]);
    const file = path.join(ann, `${STORY_ID}.json`);
    const before = readFileSync(file, 'utf8');
    const first = readAnnotations(file).file.items[0]!;
    const jsonl = path.join(ann, 'bad.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ itemId: first.id, status: 'accepted' })}\n{"itemId":"nope","status":"accepted"}\n{broken\n`);
    const r = await claims(['annotate', 'apply', STORY_ID, jsonl, ...A]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2: .*no item nope/);
    expect(r.stderr).toMatch(/bad\.jsonl:3: /);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
