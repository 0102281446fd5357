import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/runner/run.ts';
import { DOC_STAGES as TEST_STAGES } from '../fixtures/runner/stages.ts';
import { FIXTURES, exports, sandbox, storeContent, removeSandboxes } from './helpers.ts';

const ROOT = path.resolve(FIXTURES, '..', '..', '..');

afterAll(removeSandboxes);

describe('Ctrl-C', () => {
  it('a real SIGINT mid-run exits 130 with store and out/ consistent, and a re-run extracts only the rest', async () => {
    const sb = sandbox();
    for (let i = 0; i < 30; i++) {
      writeFileSync(path.join(sb.input, `n${String(i).padStart(2, '0')}.txt`), `Tomas Berg visited pier ${i} on Monday. The Harbour Authority imposed a fee of ${i} kronor.\n`);
    }
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(FIXTURES, 'sigint-run.ts'), sb.input, sb.output], {
      cwd: ROOT,
      env: { ...process.env, RUNNER_TEST_PAUSE_MS: '30' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (!signalled && out.includes('committed')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(130);
    const committed = out.split('\n').filter((l) => l.startsWith('committed')).length;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(35);

    expect(existsSync(path.join(sb.output, 'ledger.sqlite.lock'))).toBe(false);
    const db = new Database(path.join(sb.output, 'ledger.sqlite'), { readonly: true });
    const runs = db.prepare('SELECT status, extracted FROM runs').all();
    const stored = (db.prepare("SELECT doc_id FROM cache WHERE status = 'written' ORDER BY doc_id").all() as { doc_id: string }[]).map((r) => `${r.doc_id}.json`);
    db.close();
    expect(runs).toEqual([{ status: 'interrupted', extracted: committed }]);
    expect(Object.keys(exports(sb.output))).toEqual(stored);

    const again = runPipeline({ input: sb.input, output: sb.output, stages: TEST_STAGES, log: () => {} });
    expect(again).toMatchObject({ read: 35, extracted: 35 - committed, cached: committed, interrupted: false });
    const clean = sandbox();
    for (let i = 0; i < 30; i++) {
      writeFileSync(path.join(clean.input, `n${String(i).padStart(2, '0')}.txt`), `Tomas Berg visited pier ${i} on Monday. The Harbour Authority imposed a fee of ${i} kronor.\n`);
    }
    runPipeline({ input: clean.input, output: clean.output, stages: TEST_STAGES, log: () => {} });
    expect(exports(sb.output)).toEqual(exports(clean.output));
    expect(storeContent(sb.output)).toEqual(storeContent(clean.output));
  }, 180_000);
});
