import type { FirefoxReason } from '../../../src/evaluator/types';

/**
 * Firefox's own verdict: it gives no reason code over WebDriver BiDi, but it logs one console
 * error per CORS failure ("Cross-Origin Request Blocked: … (Reason: …)"), which arrives as a
 * BiDi log entry (puppeteer's `pageerror`). The reason text maps back to the console key
 * (dom/locales/en-US/chrome/security/security.properties, MDN's CORS error pages).
 */
const REASONS: readonly (readonly [RegExp, FirefoxReason])[] = [
  [/Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed/, 'CORSMultipleAllowOriginNotAllowed'],
  [/CORS header ‘Access-Control-Allow-Origin’ missing/, 'CORSMissingAllowOrigin'],
  [/CORS header ‘Access-Control-Allow-Origin’ does not match/, 'CORSAllowOriginNotMatchingOrigin'],
  [
    /Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘\*’/,
    'CORSNotSupportingCredentials',
  ],
  [/expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’/, 'CORSMissingAllowCredentials'],
  [/CORS preflight response did not succeed/, 'CORSPreflightDidNotSucceed'],
  [/Did not find method in CORS header ‘Access-Control-Allow-Methods’/, 'CORSMethodNotFound'],
  [
    /is not allowed according to header ‘Access-Control-Allow-Headers’/,
    'CORSMissingAllowHeaderFromPreflight',
  ],
  [/missing token ‘.*’ in CORS header ‘Access-Control-Allow-Headers’/, 'CORSMissingAllowHeaderFromPreflight'],
  [/invalid token ‘.*’ in CORS header ‘Access-Control-Allow-Methods’/i, 'CORSInvalidAllowMethod'],
  [/invalid token ‘.*’ in CORS header ‘Access-Control-Allow-Headers’/i, 'CORSInvalidAllowHeader'],
  [/CORS request external redirect not allowed/, 'CORSExternalRedirectNotAllowed'],
  [/CORS request not HTTP/, 'CORSRequestNotHttp'],
  [/CORS disabled/, 'CORSDisabled'],
  [/CORS request did not succeed/, 'CORSDidNotSucceed'],
];

export interface FirefoxBlock {
  readonly url: string;
  readonly reason: FirefoxReason | 'unknown';
  readonly text: string;
}

/** Parses one console error; null when it is not a CORS block. */
export function parseCorsConsoleError(text: string): FirefoxBlock | null {
  if (!text.includes('Cross-Origin Request Blocked')) return null;
  const url = /remote resource at ‘?([^\s‘’]+?)’?\. \(Reason/.exec(text)?.[1] ?? '';
  const reason = REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'unknown';
  return { url, reason, text };
}
