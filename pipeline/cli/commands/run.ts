import type { Command } from 'commander';
import { runPipeline } from '../../runner/run.ts';

export function registerRun(program: Command, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('Run the pipeline over a corpus folder into an output folder.')
    .option('-i, --input <dir>', 'corpus folder with .txt/.md articles', 'corpus')
    .option('-o, --output <dir>', 'output folder', 'out')
    .option('-d, --doc <ids...>', 'only these document ids (file names without extension)')
    .action((opts: { input: string; output: string; doc?: string[] }) => {
      const summary = runPipeline({ input: opts.input, output: opts.output, ...(opts.doc ? { select: opts.doc } : {}) });
      console.error(`read ${summary.read}, written ${summary.written}, skipped ${summary.skipped.length}`);
      for (const s of summary.skipped) console.error(`  skipped ${s.source}: ${s.reasons.join(', ')}`);
      setExit(0);
    });
}
