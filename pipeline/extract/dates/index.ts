/** Date extraction (TimeML TIMEX3): the public interface. The code lives in lib/. */
export { extractDates, findCandidates, resolveOverlaps, tenseAt, COARSE_CONFIDENCE, type DateInput, type Candidate } from './lib/extract.ts';
export { resolve, resolveCoarse, unanchored, parseRef, isoWeek, shift, type RefDate, type Tense } from './lib/anchor.ts';
export { dateData, compileData, DATA_FILES, type DateData, type Rule, type Example, type CounterExample } from './lib/data.ts';
export { datesStage } from './lib/stage.ts';
