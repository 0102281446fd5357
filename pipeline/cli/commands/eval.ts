/**
 * `claims eval`: score out/ against the reviewed annotations/, print per
 * document and overall figures and what changed since the last recorded run,
 * and exit 1 when any figure falls below annotations/thresholds.json.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { changesSince, checkThresholds, errorKey, evaluate, formatScores, readHistory, readThresholds, recordRun } from '../../annotate/eval.ts';

export function registerEval(program: Command, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description('Compare out/ with the reviewed annotations; exit 1 below the thresholds.')
    .option('-o, --out <dir>', 'pipeline output folder', 'out')
    .option('-a, --annotations <dir>', 'annotations folder', 'annotations')
    .option('-t, --thresholds <file>', 'thresholds file (default <annotations>/thresholds.json)')
    .option('--history <file>', 'run history (default <out>/eval-history.json)')
    .option('--no-record', 'do not record this run in the history')
    .option('--errors', 'list every current error, not only the changes')
    .option('--format <fmt>', 'text or json', 'text')
    .action((o: { out: string; annotations: string; thresholds?: string; history?: string; record: boolean; errors?: boolean; format: string }) => {
      try {
        const result = evaluate(o.out, o.annotations);
        const tFile = o.thresholds ?? path.join(o.annotations, 'thresholds.json');
        const failures = existsSync(tFile) ? checkThresholds(result.figures, readThresholds(tFile)) : [];
        const hFile = o.history ?? path.join(o.out, 'eval-history.json');
        const history = readHistory(hFile);
        const changes = changesSince(history, result);
        if (o.record && result.docs.length) recordRun(hFile, history, result);
        if (o.format === 'json') {
          console.log(JSON.stringify({ ...result, errors: result.errors.map(errorKey), changes, failures }, null, 2));
        } else {
          if (!result.docs.length) console.log(`no reviewed annotation files in ${o.annotations}/ (nothing to score)`);
          for (const d of result.docs) console.log(formatScores(`${d.docId}${d.pending ? ` (${d.pending} pending)` : ''}`, d.scores).join('\n'));
          if (result.docs.length) console.log(formatScores(`OVERALL (${result.docs.length} document(s))`, result.overall).join('\n'));
          for (const w of result.warnings) console.log(`warning: ${w}`);
          if (changes.previousAt) {
            console.log(`\nsince the run of ${changes.previousAt}: ${changes.newErrors.length} new error(s), ${changes.fixed.length} fixed`);
            const cap = o.errors ? Infinity : 40;
            for (const e of changes.newErrors.slice(0, cap)) console.log(`  NEW   ${e}`);
            if (changes.newErrors.length > cap) console.log(`  … ${changes.newErrors.length - cap} more new (--errors lists all)`);
            for (const e of changes.fixed.slice(0, cap)) console.log(`  FIXED ${e}`);
            if (changes.fixed.length > cap) console.log(`  … ${changes.fixed.length - cap} more fixed (--errors lists all)`);
          }
          if (o.errors) for (const e of result.errors) console.log(`  ${errorKey(e)}`);
          if (!existsSync(tFile)) console.log(`no thresholds file at ${tFile}`);
          for (const f of failures) console.log(`BELOW THRESHOLD: ${f.figure} = ${f.actual.toFixed(3)} < ${f.min}`);
          if (existsSync(tFile) && !failures.length && result.docs.length) console.log('all figures at or above their thresholds');
        }
        setExit(failures.length ? 1 : 0);
      } catch (err) {
        console.error(`claims eval: ${(err as Error).message}`);
        setExit(2);
      }
    });
}
