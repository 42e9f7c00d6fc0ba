/**
 * The reducer fed as the worker's shell feeds it, with storage kept the way the Persister keeps
 * it (encoded), and a helper for webRequest events of a request without a tab (`tabId: -1`).
 */
import { reduce } from '../../../../src/background/reducers/reduce';
import { type CaptureState, type Effect, emptyState, type Input } from '../../../../src/background/state';
import { encodeStored } from '../../../../src/background/store/codec';
import type { RequestEvent, WebRequestEventName } from '../../../../src/platform/webrequest';

export function workerHarness(opts: { recordScope: string; page: string; api: string }) {
  let state: CaptureState = emptyState();
  const storage = new Map<string, string>();
  const feed = (input: Input): readonly Effect[] => {
    const result = reduce(state, input);
    state = result.state;
    for (const effect of result.effects) {
      if (effect.kind === 'put') storage.set(effect.key, encodeStored(effect.value));
      if (effect.kind === 'drop') storage.delete(effect.key);
    }
    return result.effects;
  };
  feed({ type: 'wake', session: {}, local: { settings: { recordScope: opts.recordScope } }, now: 1_000 });
  /** An event of the worker's request `w1` (or the given requestId) to the API, from the page's origin. */
  const web = (name: WebRequestEventName, event: Partial<RequestEvent>, at: number) =>
    feed({
      type: 'web-request',
      name,
      now: at,
      event: {
        requestId: 'w1',
        url: opts.api,
        method: 'GET',
        tabId: -1,
        frameId: -1,
        type: 'xmlhttprequest',
        timeStamp: at,
        initiator: opts.page,
        ...event,
      },
    });
  return {
    feed,
    web,
    storage,
    state: () => state,
  };
}
