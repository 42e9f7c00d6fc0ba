import type {
  CredentialsMode,
  Destination,
  Header,
  ObservedExchange,
  ObservedPreflight,
  PageOutcome,
  RedirectHop,
  RequestMode,
} from '../../../src/evaluator/types';
import type { PageAction, PageResult, Scenario } from '../scenarios/types';
import type { LoggedRequest, ScenarioServer } from '../support/server';

/**
 * One scenario's exchange as WebKit made it, from what the scenario server received and answered
 * (its request log) and what the page got, like the extension assembles one from webRequest and
 * the page hook. The request's mode, credentials and destination are the page's own (the action).
 * With `repeat`, the first call is the exchange (a second call may reuse a cached preflight).
 */
export function exchangeOf(scenario: Scenario, server: ScenarioServer, page: PageResult): ObservedExchange {
  const action = { ...scenario.action, url: server.fill(scenario.action.url) };
  const log = server.requestsFor(scenario.id);
  const request = requestOf(action);
  const preflights: ObservedPreflight[] = [];
  const redirects: RedirectHop[] = [];
  let response: ObservedExchange['response'];
  let requestHeaders: Header[] | undefined;
  let current = action.url;
  for (const entry of log) {
    const url = urlOf(entry);
    if (url !== current) continue;
    if (entry.method === 'OPTIONS') {
      if (!preflights.some((p) => p.url === url)) preflights.push(preflightOf(entry, url));
      continue;
    }
    const headers = headersOf(entry.headers);
    if (requestHeaders === undefined) requestHeaders = headers;
    const answer = entry.response;
    if (!answer) break;
    const location = answer.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
    if (answer.status >= 300 && answer.status < 400 && location !== undefined) {
      redirects.push({ url, requestHeaders: headers, response: responseOf(answer), location });
      current = new URL(location, url).href;
      continue;
    }
    response = responseOf(answer);
    break;
  }
  const sent = requestHeaders !== undefined;
  return {
    initiatorOrigin: server.page,
    url: action.url,
    method: request.method,
    requestHeaders: requestHeaders ?? request.headers,
    requestHeadersSource: sent ? 'observed' : 'page',
    destination: request.destination,
    mode: request.mode,
    credentials: request.credentials,
    redirect: action.kind === 'fetch' ? action.redirect : undefined,
    forcePreflight: action.kind === 'xhr' && action.uploadListener === true ? true : undefined,
    preflights,
    redirects,
    response,
    networkError: page.ok ? undefined : 'webkit: load failed',
    refusedByRenderer: !page.ok && log.length === 0 ? true : undefined,
    pageOutcome: pageOutcomeOf(page),
  };
}

function urlOf(entry: LoggedRequest): string {
  return `http://${entry.host}${entry.url}`;
}

function headersOf(raw: LoggedRequest['headers']): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push({ name, value: v });
  }
  return out;
}

function responseOf(
  answer: NonNullable<LoggedRequest['response']>,
): NonNullable<ObservedExchange['response']> {
  return { status: answer.status, headers: answer.headers.map(([name, value]) => ({ name, value })) };
}

function preflightOf(entry: LoggedRequest, url: string): ObservedPreflight {
  const requestHeaders = headersOf(entry.headers);
  return entry.response
    ? { url, requestHeaders, response: responseOf(entry.response) }
    : { url, requestHeaders, networkError: 'webkit: no answer' };
}

function pageOutcomeOf(page: PageResult): PageOutcome | undefined {
  if (!page.ok) return { kind: 'rejected', message: page.error ?? '' };
  if (page.type === 'cors' || page.type === 'opaque' || page.type === 'basic')
    return { kind: 'response', status: page.status ?? 0, type: page.type };
  return undefined; // elements and XHR: the page saw a load, not a Response
}

interface RequestShape {
  readonly method: string;
  readonly headers: Header[];
  readonly destination: Destination;
  readonly mode: RequestMode;
  readonly credentials: CredentialsMode;
}

/** The request the page made, per #concept-request: element loads per their HTML definition. */
function requestOf(a: PageAction): RequestShape {
  const headers = (list?: readonly (readonly [string, string])[]): Header[] =>
    (list ?? []).map(([name, value]) => ({ name, value }));
  switch (a.kind) {
    case 'fetch':
      return {
        method: a.method ?? 'GET',
        headers: headers(a.headers),
        destination: '',
        mode: a.mode ?? 'cors',
        credentials: a.credentials ?? 'same-origin',
      };
    case 'xhr':
      return {
        method: a.method ?? 'GET',
        headers: headers(a.headers),
        destination: '',
        mode: 'cors',
        credentials: a.withCredentials ? 'include' : 'same-origin',
      };
    case 'img':
    case 'audio': {
      const co = a.crossOrigin;
      return {
        method: 'GET',
        headers: [],
        destination: a.kind === 'img' ? 'image' : 'audio',
        mode: co ? 'cors' : 'no-cors',
        credentials: co === 'use-credentials' ? 'include' : 'same-origin',
      };
    }
    case 'script':
      return {
        method: 'GET',
        headers: [],
        destination: 'script',
        mode: a.module ? 'cors' : 'no-cors',
        credentials: 'same-origin',
      };
    case 'font':
      return { method: 'GET', headers: [], destination: 'font', mode: 'cors', credentials: 'same-origin' };
    case 'eventsource':
      return {
        method: 'GET',
        headers: [],
        destination: '',
        mode: 'cors',
        credentials: a.withCredentials ? 'include' : 'same-origin',
      };
    case 'canvas': {
      const co = a.crossOrigin;
      return {
        method: 'GET',
        headers: [],
        destination: 'image',
        mode: co ? 'cors' : 'no-cors',
        credentials: co === 'use-credentials' ? 'include' : 'same-origin',
      };
    }
    case 'beacon': {
      // #dom-navigator-sendbeacon: no-cors unless the body's type is not safelisted; credentials include.
      const type = a.type ?? 'text/plain;charset=UTF-8';
      return {
        method: 'POST',
        headers: [{ name: 'Content-Type', value: type }],
        destination: '',
        mode: a.type === undefined || a.type === 'text/plain' ? 'no-cors' : 'cors',
        credentials: 'include',
      };
    }
  }
}
