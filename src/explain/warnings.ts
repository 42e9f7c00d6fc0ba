import type { Warning, WarningCode } from '../evaluator/types';

export type WarningSeverity = 'security' | 'compat' | 'info';

export interface WarningWords {
  readonly title: string;
  readonly detail: string;
  readonly severity: WarningSeverity;
}

interface Entry {
  readonly title: string;
  readonly severity: WarningSeverity;
  readonly detail: (w: Warning) => string;
}

const about = (w: Warning): string => (w.subject === undefined ? '' : ` (${w.subject})`);

const WORDS: Record<WarningCode, Entry> = {
  'authorization-covered-by-wildcard': {
    title: 'Authorization allowed only through Access-Control-Allow-Headers: *',
    severity: 'compat',
    detail: () =>
      'Chrome, Firefox and Safari (WebKit) accept it for now, but the Fetch Standard requires Authorization to be listed by name.',
  },
  'origin-reflected-with-credentials': {
    title: 'The server seems to echo any Origin together with credentials',
    severity: 'security',
    detail: (w) =>
      `Access-Control-Allow-Origin repeats the request's origin${w.value === undefined ? '' : ` (${w.value})`} with Access-Control-Allow-Credentials: true; if it does so for every origin, any site can read this user's data. Allow-list known origins instead.`,
  },
  'null-origin-allowed': {
    title: 'Access-Control-Allow-Origin: null is allowed',
    severity: 'security',
    detail: () =>
      'Sandboxed iframes, file: pages and data: URLs all have the origin null, so allowing null lets any of them read the response.',
  },
  'missing-vary-origin': {
    title: 'Origin-dependent answer without Vary: Origin',
    severity: 'compat',
    detail: () =>
      'The answer names one origin but does not say it varies by Origin, so a shared cache can serve it to another origin and break CORS there.',
  },
  'wildcard-literal-with-credentials': {
    title: 'A * in an Access-Control header is taken literally with credentials',
    severity: 'compat',
    detail: (w) =>
      `With credentials, * in ${w.subject ?? 'Access-Control-Allow-Methods/Headers/Expose-Headers'} is not a wildcard but a literal name; list the names explicitly.`,
  },
  'set-cookie-ignored': {
    title: 'Set-Cookie cannot be read by JavaScript',
    severity: 'info',
    detail: () =>
      'Set-Cookie is never exposed to scripts, even with Access-Control-Expose-Headers; the browser may still store the cookie.',
  },
  'status-hidden-by-cors-error': {
    title: 'The real status is hidden by the CORS error',
    severity: 'info',
    detail: (w) =>
      `The server answered${w.value === undefined ? '' : ` with status ${w.value}`}, but JavaScript sees only a network error; fix CORS first, then look at that status.`,
  },
  'browser-difference': {
    title: 'Not the same in every browser',
    severity: 'compat',
    detail: (w) => differenceWords(w.detail),
  },
  'preflight-max-age-capped': {
    title: 'Preflight cache duration is capped',
    severity: 'info',
    detail: (w) =>
      `Access-Control-Max-Age${w.value === undefined ? '' : ` ${w.value}`} exceeds this browser's cap (Chromium 7200 s, Firefox 86400 s, Safari 600 s).`,
  },
  'credentials-inferred': {
    title: 'Credentials mode was inferred',
    severity: 'info',
    detail: (w) =>
      `The page's call did not say whether it sent credentials, so the mode was chosen from what happened${w.detail === undefined ? '' : ` (${w.detail})`}.`,
  },
  'firefox-lines-merged': {
    title: 'One Access-Control-Allow-Origin value with a comma: one line or two?',
    severity: 'info',
    detail: () =>
      'Firefox merges repeated header lines before an extension sees them, so this may have been one line "a, b" (Firefox logs "does not match") or two lines (Firefox logs "multiple values"). Either way the browser refuses it: send exactly one origin, once.',
  },
  'canvas-tainted': {
    title: 'This load tainted a canvas: reading it was refused',
    severity: 'compat',
    detail: (w) => {
      const read = w.subject ?? 'the read';
      const why: Record<string, string> = {
        'no-crossorigin':
          "the element had no crossorigin attribute, so it loaded in no-cors mode and its pixels count as another origin's",
        'loaded-without-cors': `the element has crossorigin="${w.value ?? ''}" now, but its load went out without CORS (no Origin header): crossorigin was set after src, or a no-cors copy was reused`,
        'reused-copy':
          'no request for it was seen: the browser reused a copy it already had, loaded without CORS',
        'cors-failed': 'its CORS load failed, so the element could not be drawn with CORS',
      };
      return `${read}() threw SecurityError ("Tainted canvases may not be exported") because ${why[w.detail ?? ''] ?? 'it was not loaded with CORS'}.`;
    },
  },
  'malformed-input': {
    title: 'Part of the observed data was malformed',
    severity: 'info',
    detail: (w) =>
      `Some observed data was unusable and was ignored${about(w)}${w.detail === undefined ? '' : `: ${w.detail}`}.`,
  },
};

const WHO: Record<string, string> = {
  chrome: 'Chrome',
  firefox: 'Firefox',
  safari: 'Safari',
  spec: 'The Fetch standard',
};

/**
 * The evaluator's stable detail (`spec:blocked`, `firefox:CORSMissingAllowOrigin`,
 * `safari:allowed`) as a sentence without codes: who, and whether it would let the page read it.
 */
function differenceWords(detail: string | undefined): string {
  const [profile = '', outcome = ''] = (detail ?? '').split(':');
  const who = WHO[profile];
  if (who === undefined) return 'Another browser, or the Fetch standard, decides otherwise.';
  if (outcome === 'allowed') return `${who} would let the page read this response.`;
  if (outcome === 'opaque') return `${who} would give the page an opaque response.`;
  // Blocked there too, with another reason, is also a difference: say both.
  return `${who} would block this request${profile === 'spec' ? '' : ', or block it for another reason'}.`;
}

/**
 * Whether a warning calls for action from the developer: security and compatibility problems do;
 * informational notes (a hidden status, an inferred mode, a capped cache) do not, so the table
 * marks and counts only the former.
 */
export function callsForAction(w: Warning): boolean {
  return WORDS[w.code].severity !== 'info';
}

/** Words for one evaluator warning. */
export function describeWarning(w: Warning): WarningWords {
  const entry = WORDS[w.code];
  return { title: entry.title, detail: entry.detail(w), severity: entry.severity };
}
