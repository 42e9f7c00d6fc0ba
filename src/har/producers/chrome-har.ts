import type { Header } from '../../evaluator/types';
import { chromeError, initiatorFrom } from './common';
import type { Producer } from './types';

/**
 * chrome-har (sitespeed.io, browsertime) from DevTools protocol events: the request headers are
 * the provisional ones of `requestWillBeSent` followed by the wire ones of its ExtraInfo event,
 * so most lines appear twice; the wire block comes last. A browser sends one line per name, so
 * a repeated name is the producer's, not the page's: the last line of each name is kept.
 * Failed requests are left out (a preflight that got an answer stays); the initiator is a JSON
 * string in `_initiator_detail`.
 */
function lastOfEachName(headers: readonly Header[]): Header[] {
  const last = new Map<string, number>();
  for (const [i, h] of headers.entries()) last.set(h.name.toLowerCase(), i);
  return headers.filter((h, i) => last.get(h.name.toLowerCase()) === i);
}

function initiatorDetail(detail: unknown): string {
  if (typeof detail !== 'string' || detail.length > 100_000) return '';
  try {
    return initiatorFrom(JSON.parse(detail) as unknown);
  } catch {
    return '';
  }
}

export function chromeHar(creator: string): Producer {
  return {
    id: 'chrome-har',
    creator,
    preflightSlackMs: 50,
    capabilities: {
      preflights: 'yes',
      refusedResponses: 'no',
      failedRequests: 'no',
      answeredMeansDelivered: true,
    },
    failure: chromeError,
    requestHeaders: lastOfEachName,
    initiatorUrl: (raw) => initiatorDetail(raw._initiator_detail) || initiatorFrom(raw._initiator),
  };
}
