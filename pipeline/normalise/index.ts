/**
 * The normalise stage: raw web-page paste → clean article text with an offset
 * map back to raw, paragraphs with kinds, and metadata (title, authors, outlet,
 * publication date stated / from the manifest / inferred). Pure: Doc → Doc.
 */
export { normalise, normaliseStage } from './lib/normalise.ts';
export { normaliseData } from './lib/data.ts';
