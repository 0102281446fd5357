import type { Command } from 'commander';
import { RunLockedError } from '../../store/lock.ts';
import { runBatch, withSigint } from '../../runner/run.ts';

interface RunFlags {
  input: string;
  output: string;
  doc?: string[];
  store?: string;
  workers?: string;
  force?: boolean;
  annotations?: string;
  progress: boolean;
  format: 'text' | 'json';
}

export function registerRun(program: Command, setExit: (code: number) => void): void {
  program
    .command('run')
    .description(
      'Run the pipeline over a corpus folder into an output folder. Unchanged documents are reused from the store ' +
        '(out/ledger.sqlite); Ctrl-C stops cleanly and a re-run picks up.',
    )
    .option('-i, --input <dir>', 'corpus folder with .txt/.md articles', 'corpus')
    .option('-o, --output <dir>', 'output folder', 'out')
    .option('-d, --doc <ids...>', 'only these document ids (file names without extension)')
    .option('--store <file>', 'SQLite store (default <output>/ledger.sqlite)')
    .option('-w, --workers <n>', 'worker threads; 0 = inline (default: inline for ≤ 4 documents, else one per core)')
    .option('--force', 'run the corpus-level steps even if nothing changed')
    .option('--annotations <dir>', 'bring this annotations folder up to date with the outputs')
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--format <format>', 'summary format: text or json', 'text')
    .action(async (opts: RunFlags) => {
      try {
        const workers = opts.workers === undefined ? undefined : Number(opts.workers);
        if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) {
          console.error(`claims: --workers must be a whole number ≥ 0, not ${opts.workers}`);
          setExit(2);
          return;
        }
        const summary = await withSigint((signal) => runBatch({
          input: opts.input,
          output: opts.output,
          signal,
          progress: opts.progress,
          ...(opts.doc ? { select: opts.doc } : {}),
          ...(opts.store ? { store: opts.store } : {}),
          ...(workers !== undefined ? { workers } : {}),
          ...(opts.force ? { force: true } : {}),
          ...(opts.annotations ? { annotations: opts.annotations } : {}),
        }));
        if (opts.format === 'json') {
          console.log(JSON.stringify(summary, null, 2));
        } else {
          console.error(
            `read ${summary.read}, written ${summary.written} (extracted ${summary.extracted}, cached ${summary.cached}), ` +
              `skipped ${summary.skipped.length}, removed ${summary.removed}` +
              (summary.steps.ran.length ? `; ran ${summary.steps.ran.join(', ')}` : '') +
              ` in ${(summary.wallMs / 1000).toFixed(1)} s (run ${summary.runId})`,
          );
          for (const s of summary.skipped) console.error(`  skipped ${s.source}: ${s.reasons.join(', ')}`);
        }
        if (summary.interrupted) {
          console.error('claims: run interrupted; run the same command again to continue');
          setExit(130);
          return;
        }
        setExit(0);
      } catch (err) {
        if (err instanceof RunLockedError) {
          console.error(`claims: ${err.message}`);
          setExit(75); // EX_TEMPFAIL: try again later
          return;
        }
        throw err;
      }
    });
}
