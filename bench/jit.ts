/**
 * `npm run bench:jit -- [--limit N] [--budget BYTES] [--top K]`: where V8's optimising compiler
 * spends its time on the pipeline. Runs bench/stages.ts (one thread, the first N te3-silver
 * articles) in a child process under `--trace-opt --trace-deopt` and prints, per function, the
 * milliseconds and number of its optimising compiles, then the deoptimisations by function and
 * reason. `--budget` is the interrupt budget (default 0: V8's own, which optimises most and so
 * shows most).
 *
 * What to look for (docs/scaling.md): a function compiled again and again after "wrong map"
 * deopts (objects of several hidden classes reaching one property access), and single compiles
 * of hundreds of ms (a very large function, or one that inlines many closures).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    limit: { type: 'string', default: '1000' },
    budget: { type: 'string', default: '0' },
    top: { type: 'string', default: '25' },
  },
});

const child = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', '--import', 'tsx', path.join(ROOT, 'bench', 'stages.ts'), '--limit', args.limit], {
  cwd: ROOT,
  env: { ...process.env, CLAIMS_V8_INTERRUPT_BUDGET: args.budget },
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (child.status !== 0) {
  console.error(`bench:jit: bench/stages.ts failed (exit ${child.status}):\n${child.stderr.slice(-2000)}`);
  process.exit(1);
}

const compileMs = new Map<string, number>();
const compiles = new Map<string, number>();
const deopts = new Map<string, number>();
const COMPILED = /completed compiling 0x[0-9a-f]+ <JSFunction (\S*) .*took ([\d.]+), ([\d.]+), ([\d.]+) ms/;
const DEOPT = /reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction (\S*)/;
const add = (m: Map<string, number>, k: string, v: number): void => void m.set(k, (m.get(k) ?? 0) + v);
// An anonymous function prints as "<JSFunction (sfi = 0x…)>".
const nameOf = (raw: string | undefined): string => (!raw || raw.startsWith('(') ? '(anonymous)' : raw);
for (const line of child.stdout.split('\n')) {
  const c = COMPILED.exec(line);
  if (c) {
    // V8 prints the three phases of a compile (prepare, execute, finalize).
    const name = nameOf(c[1]);
    add(compileMs, name, Number(c[2]) + Number(c[3]) + Number(c[4]));
    add(compiles, name, 1);
    continue;
  }
  const d = DEOPT.exec(line);
  if (d) add(deopts, `${nameOf(d[2])}  ${d[1]}`, 1);
}

const top = Number(args.top);
const total = [...compileMs.values()].reduce((a, b) => a + b, 0);
const stageLines = child.stdout.split('\n').filter((l) => /^\s+(floor|normalise|wink|dates|actors|quantities|claims|validate|serialise|all stages)/.test(l));
console.log(`${args.limit} articles, one thread, interrupt budget ${args.budget === '0' ? "V8's default" : `${args.budget} bytes`}`);
console.log(stageLines.join('\n'));
console.log(`\noptimising compiles: ${[...compiles.values()].reduce((a, b) => a + b, 0)}, ${total.toFixed(0)} ms in all; deopts: ${[...deopts.values()].reduce((a, b) => a + b, 0)}`);
console.log('     ms  compiles  function');
for (const [name, ms] of [...compileMs].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)}  ${String(compiles.get(name)).padStart(8)}  ${name}`);
console.log('\ndeopts  function  reason');
for (const [key, n] of [...deopts].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(n).padStart(6)}  ${key}`);
