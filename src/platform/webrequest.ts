/**
 * webRequest glue: registers observe-only listeners (never 'blocking', never a return value)
 * with `extraHeaders` where the browser supports it. Chrome hides preflights, `Origin` and the
 * Access-Control-* headers without it; Firefox rejects the flag, so it is feature-detected.
 */
import type { Header } from '../evaluator/types';
import { browser } from './browser';

/** The fields of a webRequest event the capture uses, the same shape in Chrome and Firefox. */
export interface RequestEvent {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly type: string;
  readonly timeStamp: number;
  /** Chrome: the initiator's origin. */
  readonly initiator?: string;
  /** Firefox: the URL of the resource that triggered the request. */
  readonly originUrl?: string;
  readonly documentUrl?: string;
  readonly requestHeaders?: readonly Header[];
  readonly responseHeaders?: readonly Header[];
  readonly statusCode?: number;
  readonly redirectUrl?: string;
  readonly error?: string;
  readonly fromCache?: boolean;
}

export type WebRequestEventName =
  | 'beforeRequest'
  | 'beforeSendHeaders'
  | 'sendHeaders'
  | 'headersReceived'
  | 'beforeRedirect'
  | 'responseStarted'
  | 'completed'
  | 'errorOccurred';

interface ChromeWebRequestEnums {
  webRequest?: { OnBeforeSendHeadersOptions?: { EXTRA_HEADERS?: string } };
}

/** True where `extraHeaders` exists (Chromium); Firefox rejects the value. */
export function supportsExtraHeaders(): boolean {
  const fromBrowser: unknown = Reflect.get(
    Reflect.get(browser.webRequest, 'OnBeforeSendHeadersOptions') ?? {},
    'EXTRA_HEADERS',
  );
  const fromChrome = (globalThis as { chrome?: ChromeWebRequestEnums }).chrome?.webRequest
    ?.OnBeforeSendHeadersOptions?.EXTRA_HEADERS;
  return fromBrowser === 'extraHeaders' || fromChrome === 'extraHeaders';
}

function normalise(details: unknown): RequestEvent {
  const d = details as Record<string, unknown>;
  const headers = (value: unknown): Header[] | undefined =>
    Array.isArray(value)
      ? value.map((h: { name?: unknown; value?: unknown; binaryValue?: unknown }) => ({
          name: String(h.name ?? ''),
          value:
            typeof h.value === 'string'
              ? h.value
              : Array.isArray(h.binaryValue)
                ? String.fromCharCode(...(h.binaryValue as number[]))
                : '',
        }))
      : undefined;
  return {
    requestId: String(d.requestId),
    url: String(d.url),
    method: String(d.method ?? 'GET'),
    tabId: typeof d.tabId === 'number' ? d.tabId : -1,
    frameId: typeof d.frameId === 'number' ? d.frameId : 0,
    type: String(d.type ?? 'other'),
    timeStamp: typeof d.timeStamp === 'number' ? d.timeStamp : Date.now(),
    ...(typeof d.initiator === 'string' ? { initiator: d.initiator } : {}),
    ...(typeof d.originUrl === 'string' ? { originUrl: d.originUrl } : {}),
    ...(typeof d.documentUrl === 'string' ? { documentUrl: d.documentUrl } : {}),
    ...(d.requestHeaders ? { requestHeaders: headers(d.requestHeaders) } : {}),
    ...(d.responseHeaders ? { responseHeaders: headers(d.responseHeaders) } : {}),
    ...(typeof d.statusCode === 'number' ? { statusCode: d.statusCode } : {}),
    ...(typeof d.redirectUrl === 'string' ? { redirectUrl: d.redirectUrl } : {}),
    ...(typeof d.error === 'string' ? { error: d.error } : {}),
    ...(typeof d.fromCache === 'boolean' ? { fromCache: d.fromCache } : {}),
  };
}

type Listener = (name: WebRequestEventName, event: RequestEvent) => void;

/** Registers every listener synchronously: call at the worker's top level so events wake it. */
export function observeWebRequest(listener: Listener): void {
  const extra = supportsExtraHeaders() ? ['extraHeaders'] : [];
  const filter = { urls: ['<all_urls>'] };
  const wr = browser.webRequest;
  const on = (name: WebRequestEventName) => (details: unknown) => {
    listener(name, normalise(details));
  };
  // Each cast: the polyfill types list only the spec'd extraInfoSpec values, not 'extraHeaders'.
  type Spec = Parameters<typeof wr.onSendHeaders.addListener>[2];
  wr.onBeforeRequest.addListener(on('beforeRequest'), filter);
  // Headers are asked for only where they are first known: every header list the browser copies
  // to the worker costs the page time (onHeadersReceived already carries what onResponseStarted
  // and onCompleted would repeat). The other listeners are registered so their events wake us.
  wr.onBeforeSendHeaders.addListener(on('beforeSendHeaders'), filter);
  wr.onSendHeaders.addListener(on('sendHeaders'), filter, ['requestHeaders', ...extra] as Spec);
  wr.onHeadersReceived.addListener(on('headersReceived'), filter, ['responseHeaders', ...extra] as Parameters<
    typeof wr.onHeadersReceived.addListener
  >[2]);
  wr.onBeforeRedirect.addListener(on('beforeRedirect'), filter, ['responseHeaders', ...extra] as Parameters<
    typeof wr.onBeforeRedirect.addListener
  >[2]);
  wr.onResponseStarted.addListener(on('responseStarted'), filter);
  wr.onCompleted.addListener(on('completed'), filter);
  wr.onErrorOccurred.addListener(on('errorOccurred'), filter);
}
