/**
 * Isolated-world relay: forwards what the main-world hook saw to the worker. The worker may be
 * stopped; sendMessage wakes it. A page can forge these events, but only about its own tab.
 */
import { browser } from '../platform/browser';
import { PAGE_CALL_EVENT, type PageCallDetail } from '../shared/page-channel';
import { PROTOCOL_VERSION } from '../shared/protocol';

document.addEventListener(
  PAGE_CALL_EVENT,
  (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > 100_000) return;
    let parsed: PageCallDetail;
    try {
      parsed = JSON.parse(detail) as PageCallDetail;
    } catch {
      return;
    }
    browser.runtime
      .sendMessage({
        type: 'cors-lens:page-call',
        v: PROTOCOL_VERSION,
        call: parsed.call,
        refused: parsed.refused,
      })
      .catch(() => undefined);
  },
  true,
);
