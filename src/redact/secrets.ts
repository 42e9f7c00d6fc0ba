import type { Settings } from '../shared/protocol';

/** What replaces a secret: visible, so a reader knows something was there. */
export const REDACTED = '[REDACTED]';

/** The two lists redaction needs, lowercase. */
export type RedactionLists = Pick<Settings, 'redactHeaders' | 'redactParams'>;

export interface Lists {
  readonly headers: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
}

export function listsOf(settings: RedactionLists): Lists {
  return {
    headers: new Set(settings.redactHeaders.map((name) => name.toLowerCase())),
    params: new Set(settings.redactParams.map((name) => name.toLowerCase())),
  };
}

/**
 * Header names that carry secrets whatever the lists say: `X-CSRF-Token`, `X-Session-Id`,
 * `X-Client-Secret`, `Api-Key`, `X-Amz-Security-Token`, `Proxy-Authorization`…
 * The CORS headers never match (their names hold none of these words), so the evidence stays.
 */
const SECRET_NAME = /token|secret|key|auth|session|csrf|xsrf/i;

export function isSecretName(name: string, lists: Lists): boolean {
  return lists.headers.has(name.toLowerCase()) || SECRET_NAME.test(name);
}

// A JWT (or any JWS/JWE compact form): base64url JSON header `eyJ…` then dot-separated parts.
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)*/g;
// An HTTP authentication scheme followed by its credentials (`Bearer abc`, `Basic dXNlcjpw`).
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest|Negotiate|NTLM|ApiKey)(\s+)[^\s,;]+/gi;
// Vendor key shapes: Stripe `sk_live_…`, GitHub `ghp_…`, Slack `xoxb-…`, AWS `AKIA…`, Google `AIza…`.
const VENDOR_KEY =
  /\b(?:(?:sk|pk|rk|whsec)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,})/g;
// Runs long enough to be a random token: checked one by one with `isRandomToken`.
const LONG_RUN = /[A-Za-z0-9_+-]{32,}={0,2}/g;

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * 32+ characters mixing letters and digits with the spread of random data (≥ 3.5 bits per
 * character: a hex digest or base64 key, not a word, a date or `aaaa…`).
 */
export function isRandomToken(text: string): boolean {
  return text.length >= 32 && /[0-9]/.test(text) && /[A-Za-z]/.test(text) && entropy(text) >= 3.5;
}

/** Every secret-looking part of a free-text value replaced; the rest kept as is. */
export function redactSecretsIn(value: string): string {
  return value
    .replace(AUTH_SCHEME, (_all, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(VENDOR_KEY, REDACTED)
    .replace(LONG_RUN, (run) => (isRandomToken(run) ? REDACTED : run));
}

/** Whether a value (a parameter value, a path segment) is itself a secret. */
export function looksSecret(value: string): boolean {
  // Every shape above is at least 14 characters long (`eyJ` + 5 + `.` + 5); most parts of a URL are shorter.
  return value.length >= 14 && redactSecretsIn(value) !== value;
}
