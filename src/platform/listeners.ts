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

// Headers are asked for only where they are first known: every header list the browser copies to
// the worker costs the page time (onHeadersReceived already carries what onResponseStarted and
// onCompleted would repeat). The events without headers mark a request's start and end.
export const WEB_REQUEST_LISTENERS: readonly ListenerSpec[] = [
  { name: 'beforeRequest', event: 'onBeforeRequest' },
  { name: 'beforeSendHeaders', event: 'onBeforeSendHeaders' },
  { name: 'sendHeaders', event: 'onSendHeaders', headers: 'requestHeaders' },
  { name: 'headersReceived', event: 'onHeadersReceived', headers: 'responseHeaders' },
  { name: 'beforeRedirect', event: 'onBeforeRedirect', headers: 'responseHeaders' },
  { name: 'responseStarted', event: 'onResponseStarted' },
  { name: 'completed', event: 'onCompleted' },
  { name: 'errorOccurred', event: 'onErrorOccurred' },
];

/** The extraInfoSpec a listener is registered with (undefined: none); `extraHeaders` where supported. */
export function extraInfoSpec<H extends string>(
  headers: H | undefined,
  extraHeaders: boolean,
): (H | 'extraHeaders')[] | undefined {
  if (headers === undefined) return undefined;
  return extraHeaders ? [headers, 'extraHeaders'] : [headers];
}

export const WEB_REQUEST_FILTER: { readonly urls: string[] } = { urls: ['<all_urls>'] };
