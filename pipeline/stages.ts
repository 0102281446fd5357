/**
 * The pipeline's stages, in order. Per-document stages run on each Doc
 * (in parallel across documents); corpus stages run once over all of them.
 * The runner checks the order against requires/assigns at start-up.
 */
import type { Stage } from './core/stage.ts';

export const DOC_STAGES: Stage[] = [];
