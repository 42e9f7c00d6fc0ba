/**
 * Isolated-world relay: forwards what the main-world hook saw to the worker, one message per
 * batch of calls (../shared/page-channel.ts). The worker may be stopped; sendMessage wakes it.
 * A page can forge these events, but only about its own tab; the worker checks every call.
 */
import { browser } from '../platform/browser';
import { CANVAS_TAINT_EVENT, MAX_TAINT_CHARS } from '../shared/canvas-taint';
import { MAX_DETAIL_CHARS, PAGE_CALL_EVENT } from '../shared/page-channel';
import { MAX_WORKERS_CHARS, PAGE_WORKERS_EVENT } from '../shared/page-workers';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { relayOnce } from './relay-once';

// The manifest injects this on development hosts; the worker registers it for the sites turned
// on, or every site (src/platform/page-hook.ts). Where both match, the second does nothing.
const first = relayOnce();

if (first)
  document.addEventListener(
    PAGE_CALL_EVENT,
    (event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string' || detail.length > MAX_DETAIL_CHARS) return;
      let calls: unknown;
      try {
        calls = JSON.parse(detail);
      } catch {
        return;
      }
      if (!Array.isArray(calls) || calls.length === 0) return;
      browser.runtime
        .sendMessage({ type: 'cors-lens:page-calls', v: PROTOCOL_VERSION, calls })
        .catch(() => undefined);
    },
    true,
  );

if (first)
  document.addEventListener(
    CANVAS_TAINT_EVENT,
    (event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string' || detail.length > MAX_TAINT_CHARS) return;
      let taint: unknown;
      try {
        taint = JSON.parse(detail);
      } catch {
        return;
      }
      browser.runtime
        .sendMessage({ type: 'cors-lens:canvas-taint', v: PROTOCOL_VERSION, taint })
        .catch(() => undefined);
    },
    true,
  );

if (first)
  document.addEventListener(
    PAGE_WORKERS_EVENT,
    (event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string' || detail.length > MAX_WORKERS_CHARS) return;
      let workers: unknown;
      try {
        workers = JSON.parse(detail);
      } catch {
        return;
      }
      browser.runtime
        .sendMessage({ type: 'cors-lens:page-workers', v: PROTOCOL_VERSION, workers })
        .catch(() => undefined);
    },
    true,
  );
