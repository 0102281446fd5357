/**
 * The pipeline's stages, in order. Per-document stages run on each Doc
 * (in parallel across documents); corpus stages run once over all of them.
 * The runner checks the order against requires/assigns at start-up.
 */
import type { Stage } from './core/stage.ts';
import { normaliseStage } from './normalise/index.ts';
import { datesStage } from './extract/dates/index.ts';
import { actorsStage } from './extract/actors/index.ts';
import { quantitiesStage } from './extract/quantities/index.ts';
import { claimsStage } from './claims/index.ts';

export const DOC_STAGES: Stage[] = [
  normaliseStage,
  datesStage,
  actorsStage,
  quantitiesStage,
  claimsStage,
];
