export { CORS_ERROR_CODES, RULE_IDS, WARNING_CODES } from './codes';
export { type CurlCommands, type CurlOptions, curlCommands, shellQuote } from './curl';
export { describeFix, describePageChange } from './fix';
export { mdnUrl } from './mdn';
export { type CorsNeeds, corsNeeds } from './needs';
export {
  type CorsPolicy,
  type CoveredRequest,
  corsPolicies,
  corsPolicy,
  policyFor,
  serverOf,
} from './policy';
export { describeCovered, describePolicy } from './policy-words';
export { explainPreflight, type PreflightWords } from './preflight';
export {
  browsersLine,
  describeProfiles,
  profileDifference,
  profileHeading,
  profileName,
  profileShortName,
} from './profiles';
export { fixSnippets, policySnippets, SNIPPET_IDS, type Snippet } from './snippets';
export { describeStep, type StepWords, specUrl } from './steps';
export { codeLabel, reasonLabel, recordLabel, summarize } from './summarize';
export { callsForAction, describeWarning, type WarningSeverity, type WarningWords } from './warnings';
