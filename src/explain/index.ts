export { CORS_ERROR_CODES, RULE_IDS, WARNING_CODES } from './codes';
export { type CurlCommands, type CurlOptions, curlCommands, shellQuote } from './curl';
export { describeFix, describePageChange } from './fix';
export { mdnUrl } from './mdn';
export { type CorsNeeds, corsNeeds } from './needs';
export {
  describeProfiles,
  profileDifference,
  profileHeading,
  profileName,
  profileShortName,
} from './profiles';
export { fixSnippets, SNIPPET_IDS, type Snippet } from './snippets';
export { describeStep, type StepWords, specUrl } from './steps';
export { codeLabel, reasonLabel, summarize } from './summarize';
export { describeWarning, type WarningSeverity, type WarningWords } from './warnings';
