/**
 * The webRequest listeners the capture registers, as data: the worker registers exactly these
 * (src/platform/webrequest.ts) and `npm run bench:overhead` builds a no-op extension from the
 * same table to measure the browser's own cost of delivering them (the floor).
 * Plain data, no browser import.
 */
import type { WebRequestEventName } from './webrequest';

/** A listener: the event, and the header list (if any) the browser copies to the worker with it. */
export type ListenerSpec =
  | {
      readonly name: WebRequestEventName;
      readonly event: 'onBeforeRequest' | 'onErrorOccurred';
      readonly headers?: never;
    }
  | {
      readonly name: WebRequestEventName;
      readonly event: 'onBeforeSendHeaders' | 'onSendHeaders';
      readonly headers?: 'requestHeaders';
    }
  | {
      readonly name: WebRequestEventName;
      readonly event: 'onHeadersReceived' | 'onBeforeRedirect' | 'onResponseStarted' | 'onCompleted';
      readonly headers?: 'responseHeaders';
    };

export type WebRequestEventKey = ListenerSpec['event'];

/** Listener options beyond the event: the header list, and whether navigations are wanted. */
interface ListenerOptions {
  /** Also main_frame requests: the tab's navigation is read from this event. */
  readonly navigations?: true;
}

// Headers are asked for only where they are first known: every header list the browser copies to
// the worker costs the page time (onHeadersReceived already carries what onResponseStarted and
// onCompleted would repeat). The events without headers mark a request's start and end.
// onBeforeSendHeaders is not registered: onSendHeaders carries the headers as sent, and any later
// event picks up a request whose start went to a stopped worker. It cost the page 360 ms per 600
// fetches by itself (`OVERHEAD_LISTENERS=1 npm run bench:overhead`). It was kept once because the
// lifecycle suite lost fewer in-flight records with it; that suite stopped the worker while
// requests were being answered, and the events queued to the stopped worker are gone either way.
export const WEB_REQUEST_LISTENERS: readonly (ListenerSpec & ListenerOptions)[] = [
  { name: 'beforeRequest', event: 'onBeforeRequest' },
  { name: 'sendHeaders', event: 'onSendHeaders', headers: 'requestHeaders' },
  { name: 'headersReceived', event: 'onHeadersReceived', headers: 'responseHeaders' },
  { name: 'beforeRedirect', event: 'onBeforeRedirect', headers: 'responseHeaders' },
  { name: 'responseStarted', event: 'onResponseStarted', navigations: true },
  { name: 'completed', event: 'onCompleted' },
  { name: 'errorOccurred', event: 'onErrorOccurred' },
];

/**
 * Resource types the capture never replays: navigations and what is not a fetch at all (also
 * what src/background/assembly/exchange.ts isObservableType leaves out). Their events are not asked for.
 */
export const NOT_FETCH_TYPES: readonly string[] = [
  'main_frame',
  'sub_frame',
  'websocket',
  'webtransport',
  'webbundle',
];

/**
 * The `types` of a listener's filter, from the browser's own ResourceType values (Chrome and
 * Firefox list different ones); undefined (every type) where the browser does not expose them.
 */
export function typesFor(
  options: ListenerOptions,
  browserTypes: readonly string[] | undefined,
): string[] | undefined {
  if (browserTypes === undefined || browserTypes.length === 0) return undefined;
  return browserTypes.filter(
    (type) => !NOT_FETCH_TYPES.includes(type) || (options.navigations === true && type === 'main_frame'),
  );
}

/** The extraInfoSpec a listener is registered with (undefined: none); `extraHeaders` where supported. */
export function extraInfoSpec<H extends string>(
  headers: H | undefined,
  extraHeaders: boolean,
): (H | 'extraHeaders')[] | undefined {
  if (headers === undefined) return undefined;
  return extraHeaders ? [headers, 'extraHeaders'] : [headers];
}

export const WEB_REQUEST_FILTER: { readonly urls: string[] } = { urls: ['<all_urls>'] };
