/**
 * The evaluator's contract: what it is fed (one observed exchange) and what it returns
 * (a verdict with codes, a trace, warnings and a fix). Codes only, never sentences:
 * the words live in src/explain/ so every surface shares one wording.
 */
export type * from './codes';
export type * from './input';
export { BROWSER_PROFILES } from './input';
export type * from './trace';
export type * from './verdict';
