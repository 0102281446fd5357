/**
 * `claims review`: merge out/ into annotations/ (never overwriting a
 * decision), then serve the review page on 127.0.0.1 until interrupted.
 */
import type { Command } from 'commander';
import os from 'node:os';
import { updateAnnotations } from '../../annotate/update.ts';
import { startReviewServer } from '../../review/server.ts';

export function registerReview(program: Command, setExit: (code: number) => void): void {
  program
    .command('review')
    .description('Serve the review page on 127.0.0.1 (accept, reject, correct; saved at once into annotations/).')
    .option('-p, --port <n>', 'port (0 picks a free one)', '4477')
    .option('-d, --doc <id>', 'open this document first')
    .option('-o, --out <dir>', 'pipeline output folder', 'out')
    .option('-a, --annotations <dir>', 'annotations folder', 'annotations')
    .option('-r, --reviewer <name>', 'recorded with each decision (default $CLAIMS_REVIEWER or the login name)')
    .option('--no-update', 'do not merge out/ into annotations/ first')
    .action(async (o: { port: string; doc?: string; out: string; annotations: string; reviewer?: string; update: boolean }) => {
      if (o.update) {
        const r = updateAnnotations(o.out, o.annotations);
        console.error(`annotations: created ${r.created.length}, updated ${r.updated.length}, unchanged ${r.unchanged.length}`);
        for (const e of r.errors) console.error(`${e.file}:${e.line}: ${e.problem} (left untouched)`);
      }
      const server = await startReviewServer({ outDir: o.out, annotationsDir: o.annotations, port: Number(o.port), reviewer: o.reviewer ?? process.env.CLAIMS_REVIEWER ?? os.userInfo().username });
      console.log(`review page: ${server.url}${o.doc ? `?doc=${encodeURIComponent(o.doc)}` : ''}  (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await server.close();
      setExit(0);
    });
}
