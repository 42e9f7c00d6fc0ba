import { isSecretName, listsOf } from '../redact/secrets';
import type { CorsRecord } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { headerSpelling } from './where';

// Why the browser sent a preflight (evaluation.preflight.reasons: `method`, `header:<name>`,
// `forced`, `total-size`), how the page could do without one where that weakens nothing, and
// what the preflight cache did. Each preflight costs a round trip before the request itself.

export interface PreflightWords {
  /** One sentence per reason, in the evaluator's order. */
  readonly because: readonly string[];
  /** Ways to need no preflight that change nothing for security; empty when there is none. */
  readonly avoid: readonly string[];
  /** From the cache, or how long the server lets the browser keep this one. */
  readonly cache: string;
}

// #cors-safelisted-request-header: the three Content-Type essences a <form> can send.
const FORM_TYPES = 'text/plain, application/x-www-form-urlencoded or multipart/form-data';
const SAFELISTED_NAMES = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'range']);
// #cors-preflight-cache: without Access-Control-Max-Age the browser keeps a preflight 5 s.
const DEFAULT_MAX_AGE = 5;

function requestValue(record: CorsRecord, lowercase: string): string | undefined {
  return record.exchange.requestHeaders.find((h) => h.name.toLowerCase() === lowercase)?.value;
}

function headerReason(record: CorsRecord, name: string): { because: string; avoid?: string } {
  const spelled = headerSpelling(record, name);
  if (name === 'content-type') {
    const value = requestValue(record, name);
    return {
      because: `The body's Content-Type${value === undefined ? '' : ` (${value})`} is not ${FORM_TYPES}, the types a form can send.`,
      avoid:
        'If the server reads the body whatever its type, send it as text/plain: a form on any site can already send that, so the server loses no protection, and the request needs no preflight.',
    };
  }
  if (SAFELISTED_NAMES.has(name)) {
    return {
      because: `The value of ${spelled} is longer than 128 bytes or holds characters the CORS safelist does not allow.`,
    };
  }
  if (isSecretName(name, listsOf(DEFAULT_SETTINGS))) {
    // A secret moved to the URL ends up in server logs, proxies and the Referer: never suggest it.
    return { because: `The page sets the header ${spelled}, which is not CORS-safelisted.` };
  }
  return {
    because: `The page sets the header ${spelled}, which is not CORS-safelisted.`,
    avoid: `${spelled} carries no secret: if the server can read it from the query string instead (?${name}=…), send it there and the request needs no preflight.`,
  };
}

function cacheWords(record: CorsRecord): string {
  const { preflight } = record.evaluation;
  if (!preflight.observed) {
    return 'No preflight was seen for this request: the browser answered it from its preflight cache (an earlier OPTIONS to this URL).';
  }
  const answered = record.exchange.preflights[0]?.response?.headers ?? [];
  const maxAge = answered.find((h) => h.name.toLowerCase() === 'access-control-max-age')?.value;
  const seconds = preflight.cacheSeconds;
  if (seconds === undefined) return 'The preflight did not pass, so the browser keeps nothing in its cache.';
  if (seconds === 0) {
    return `The server's Access-Control-Max-Age (${maxAge ?? 'none'}) lets the browser cache nothing: every such request pays for a preflight.`;
  }
  if (maxAge === undefined) {
    return `The server sends no Access-Control-Max-Age, so the browser reuses this preflight for ${DEFAULT_MAX_AGE} s only; Access-Control-Max-Age: 600 would save the round trip for 10 minutes.`;
  }
  return `The browser may reuse this preflight for ${seconds} s (Access-Control-Max-Age: ${maxAge}).`;
}

/** Words for a request that needed a preflight; null when it did not need one. */
export function explainPreflight(record: CorsRecord): PreflightWords | null {
  const { preflight } = record.evaluation;
  if (!preflight.needed) return null;
  const because: string[] = [];
  const avoid: string[] = [];
  let unavoidable = false;
  const method = record.exchange.method.toUpperCase();
  for (const reason of preflight.reasons) {
    if (reason === 'method') {
      because.push(`The method ${method} is not GET, HEAD or POST.`);
      unavoidable = true;
    } else if (reason === 'forced') {
      because.push(
        'The page listened to upload progress (xhr.upload events) or sent a stream body, which always needs a preflight.',
      );
      avoid.push(
        'Without the upload listener, or with the whole body at once instead of a stream, it would not.',
      );
    } else if (reason === 'total-size') {
      because.push('The safelisted headers together are longer than 1024 bytes.');
      unavoidable = true;
    } else if (reason.startsWith('header:')) {
      const words = headerReason(record, reason.slice('header:'.length));
      because.push(words.because);
      if (words.avoid === undefined) unavoidable = true;
      else avoid.push(words.avoid);
    }
  }
  // A way around some reasons is no use while another one still needs the preflight.
  return { because, avoid: unavoidable ? [] : avoid, cache: cacheWords(record) };
}
