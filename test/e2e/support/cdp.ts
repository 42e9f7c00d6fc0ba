import type { CDPSession, Page } from 'playwright-core';
import type { CorsErrorCode, Verdict } from '../../../src/evaluator/types';

/**
 * Chromium's own decision for each request, read from the DevTools protocol: the ground truth the
 * extension is compared with. One entry per network requestId (redirects keep the id; the
 * preflight has its own id).
 */
export interface CdpRequest {
  readonly requestId: string;
  /** The first URL requested under this id (before redirects). */
  readonly url: string;
  readonly method: string;
  /** CDP resource type: Fetch, XHR, Image, Script, Font, EventSource, Media, Preflight, … */
  readonly type: string;
  /** URLs of the redirect chain after the first. */
  readonly redirects: string[];
  state: 'pending' | 'finished' | 'failed';
  status?: number;
  /** Chromium's Network.CorsError name, kept as a string: the browser may know codes we do not. */
  corsError?: string;
  failedParameter?: string;
  blockedReason?: string;
  errorText?: string;
}

export interface BrowserDecision {
  readonly verdict: Verdict;
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly blockedReason: string | null;
}

export interface NetworkWatch {
  readonly requests: Map<string, CdpRequest>;
  /** Console/log lines (renderer-refused fetches are only explained there). */
  readonly logs: string[];
  /** Non-preflight requests whose first URL is `url`, in order. */
  forUrl(url: string): CdpRequest[];
  /** Preflights sent to `url`. */
  preflightsFor(url: string): CdpRequest[];
  detach(): Promise<void>;
}

interface WillBeSent {
  requestId: string;
  type?: string;
  request: { url: string; method: string };
  redirectResponse?: { status: number };
}
interface LoadingFailed {
  requestId: string;
  errorText: string;
  blockedReason?: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

/**
 * Chromium 156 reports the preflight under its own requestId with type 'Other' (older versions
 * said 'Preflight'). Pages in these tests never send OPTIONS themselves.
 */
function isPreflight(r: CdpRequest): boolean {
  return r.type === 'Preflight' || r.method === 'OPTIONS';
}

export async function watchNetwork(page: Page): Promise<NetworkWatch> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const requests = new Map<string, CdpRequest>();
  const logs: string[] = [];
  session.on('Network.requestWillBeSent', (e: WillBeSent) => {
    const known = requests.get(e.requestId);
    if (known) {
      if (e.redirectResponse) known.redirects.push(e.request.url);
      return;
    }
    requests.set(e.requestId, {
      requestId: e.requestId,
      url: e.request.url,
      method: e.request.method,
      type: e.type ?? 'Other',
      redirects: [],
      state: 'pending',
    });
  });
  session.on('Network.responseReceived', (e: { requestId: string; response: { status: number } }) => {
    const known = requests.get(e.requestId);
    if (known) known.status = e.response.status;
  });
  session.on('Network.loadingFinished', (e: { requestId: string }) => {
    const known = requests.get(e.requestId);
    if (known) known.state = 'finished';
  });
  session.on('Network.loadingFailed', (e: LoadingFailed) => {
    const known = requests.get(e.requestId);
    if (!known) return;
    known.state = 'failed';
    known.errorText = e.errorText;
    if (e.blockedReason) known.blockedReason = e.blockedReason;
    if (e.corsErrorStatus) {
      known.corsError = e.corsErrorStatus.corsError;
      known.failedParameter = e.corsErrorStatus.failedParameter;
    }
  });
  session.on('Log.entryAdded', (e: { entry: { text: string } }) => logs.push(e.entry.text));
  session.on('Runtime.consoleAPICalled', (e: { args: { value?: unknown }[] }) =>
    logs.push(e.args.map((a) => String(a.value)).join(' ')),
  );
  await session.send('Network.enable');
  await session.send('Log.enable');
  await session.send('Runtime.enable');
  return {
    requests,
    logs,
    forUrl: (url) => [...requests.values()].filter((r) => r.url === url && !isPreflight(r)),
    preflightsFor: (url) => [...requests.values()].filter((r) => r.url === url && isPreflight(r)),
    detach: () => session.detach().catch(() => undefined),
  };
}

/** Renderer refusals never reach the network: Chromium names them only in the console. */
const REFUSAL_LOGS: readonly (readonly [RegExp, CorsErrorCode])[] = [
  [/mode is "same-origin"/i, 'DisallowedByMode'],
  [/mode is "no-cors" but the redirect mode is not "follow"/i, 'NoCorsRedirectModeNotFollow'],
];

export function refusalFromLogs(logs: readonly string[], url: string): CorsErrorCode | null {
  for (const line of logs) {
    if (!line.includes(url)) continue;
    for (const [pattern, code] of REFUSAL_LOGS) if (pattern.test(line)) return code;
  }
  return null;
}

/**
 * Chromium's verdict for one request: a CORS error status → blocked with its code; a CORP
 * blocked reason → blocked with no CORS code; success → opaque for no-cors loads, else allowed.
 * A failure with neither (HEAD, aborted) is judged by what the page got.
 */
export function decide(request: CdpRequest, noCors: boolean, pageOk: boolean): BrowserDecision {
  if (request.corsError) {
    return {
      verdict: 'blocked',
      corsError: request.corsError,
      failedParameter: request.failedParameter || null,
      blockedReason: null,
    };
  }
  if (request.blockedReason?.startsWith('corp-')) {
    return {
      verdict: 'blocked',
      corsError: null,
      failedParameter: null,
      blockedReason: request.blockedReason,
    };
  }
  const succeeded = request.state === 'finished' || (request.state === 'failed' && pageOk);
  if (!succeeded) return { verdict: 'blocked', corsError: null, failedParameter: null, blockedReason: null };
  return {
    verdict: noCors ? 'opaque' : 'allowed',
    corsError: null,
    failedParameter: null,
    blockedReason: null,
  };
}
