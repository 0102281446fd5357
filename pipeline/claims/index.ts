export { extractClaims, type ExtractOptions, type StateOf } from './extract.ts';
export { claimsStage, setStateOf } from './stage.ts';
export { loadLexicon, compileLexicon, compileCue, familyOf, type Lexicon, type Relation } from './lexicon.ts';
export { intervalOf, intervalOfTime, formatInterval, type DayInterval } from './timex.ts';
