import type { Pass } from './context';
import { step, warn } from './context';
import { getHeader } from './headers';
import type { Header } from './types';

const DEFAULT_MAX_AGE = 5;
const CHROME_CAP = 7200;
const FIREFOX_CAP = 86400;
// WebKit: WebCore CrossOriginPreflightResultCache.cpp, maxPreflightCacheTimeout = 600 s ("short
// enough to minimize the risk of using a poisoned cache"), default 5 s.
const SAFARI_CAP = 600;
const CAPS: Readonly<Record<Pass['profile'], number | null>> = {
  chrome: CHROME_CAP,
  firefox: FIREFOX_CAP,
  safari: SAFARI_CAP,
  spec: null,
};

// #cors-preflight-cache, the lifetime a passing preflight earns: Access-Control-Max-Age,
// default 5 s, then the profile's cap. Returns seconds (0: not cached).
export function preflightCacheSeconds(
  pass: Pass,
  headers: readonly Header[],
  hop: number | undefined,
): number {
  const raw = getHeader(headers, 'access-control-max-age');
  const parsed = raw === null ? null : parseDeltaSeconds(raw);
  let seconds: number;
  let detail: string;
  if (raw === null) {
    seconds = DEFAULT_MAX_AGE;
    detail = 'default';
  } else if (parsed === null) {
    // Unlike Chromium (which falls back to the default), Firefox does not cache an unparsable
    // value; the spec says "if max-age is failure or null, set it to 5".
    seconds = pass.profile === 'firefox' ? 0 : DEFAULT_MAX_AGE;
    detail = 'invalid';
  } else if (parsed < 0) {
    seconds = 0;
    detail = 'negative';
  } else {
    seconds = parsed;
    detail = 'given';
  }
  const cap = CAPS[pass.profile];
  if (cap !== null && seconds > cap) {
    warn(pass, {
      code: 'preflight-max-age-capped',
      on: 'preflight',
      hop,
      subject: 'access-control-max-age',
      value: String(seconds),
      detail: `${pass.profile}:${cap}`,
    });
    seconds = cap;
    detail = 'capped';
  }
  step(pass, {
    rule: 'preflight.max-age',
    anchor: '#cors-preflight-cache',
    on: 'preflight',
    hop,
    subject: 'access-control-max-age',
    expected: cap === null ? undefined : `<=${cap}`,
    actual: raw,
    outcome: 'info',
    detail: `${detail}:${seconds}`,
  });
  return seconds;
}

/** `-?digits`, the only shape we accept; anything else is "invalid". */
function parseDeltaSeconds(raw: string): number | null {
  if (!/^-?[0-9]+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
