/**
 * The `claims` command line (commander). Each command lives in its own file
 * under commands/ and registers itself here; commands return exit codes
 * instead of calling process.exit.
 */
import { Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { registerRun } from './commands/run.ts';
import { registerTopic } from './commands/topic.ts';
import { registerExtract } from './commands/extract.ts';
import { registerAnnotate } from './commands/annotate.ts';
import { registerEval } from './commands/eval.ts';
import { registerReview } from './commands/review.ts';
import { registerExport } from './commands/export.ts';
import { registerReport } from './commands/report.ts';

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('claims')
    .description('Claim extraction and annotation pipeline for news and analysis articles.')
    .showHelpAfterError()
    .exitOverride();
  registerRun(program, setExit);
  registerTopic(program, setExit);
  registerExtract(program, setExit);
  registerAnnotate(program, setExit);
  registerEval(program, setExit);
  registerReview(program, setExit);
  registerExport(program, setExit);
  registerReport(program, setExit);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const e = err as { exitCode?: number; code?: string; message?: string };
    if (typeof e.exitCode === 'number') return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : e.exitCode;
    console.error(`claims: ${e.message ?? String(err)}`);
    return 1;
  }
  return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv);
}
