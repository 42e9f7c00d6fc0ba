/**
 * The UI side of the protocol: one-shot requests and the live per-tab port, typed both ways.
 * Panel, popup and options talk to the worker only through this file.
 */
import {
  PORT_NAME,
  type PortClientMessage,
  type PortServerMessage,
  PROTOCOL_VERSION,
  type RequestMap,
  type RequestType,
  type ResponseOf,
} from '../shared/protocol';
import { browser, type Runtime } from './browser';

export type Answer<T extends RequestType> = RequestMap[T]['response'];

function isErrorAnswer(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string';
}

/** Sends one request; rejects with the worker's message when it answers `{ error }` or nothing. */
export async function request<T extends RequestType>(
  type: T,
  payload: RequestMap[T]['request'],
): Promise<Answer<T>> {
  const answer = (await browser.runtime.sendMessage({ type, v: PROTOCOL_VERSION, ...payload })) as
    | ResponseOf<T>
    | undefined;
  if (answer === undefined || answer === null) throw new Error(`No answer to ${type}`);
  if (isErrorAnswer(answer)) throw new Error(answer.error);
  return answer as Answer<T>;
}

const SERVER_TYPES: ReadonlySet<string> = new Set(['snapshot', 'record', 'cleared', 'summary']);

/** Our worker's messages of this protocol version (the worker checks what it is sent the same way). */
function isServerMessage(value: unknown): value is PortServerMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    'v' in value &&
    value.v === PROTOCOL_VERSION &&
    SERVER_TYPES.has(String(value.type))
  );
}

export interface TabConnection {
  close(): void;
}

/**
 * Subscribes to one tab's live records. The worker may be stopped at any time (MV3), which
 * disconnects the port: we reconnect and the fresh `snapshot` replaces what we had.
 */
export function connectTab(
  tabId: number,
  onMessage: (message: PortServerMessage) => void,
  {
    retryMs = 250,
    panel = false,
    summaryOnly = false,
  }: {
    retryMs?: number;
    /** The DevTools panel: its tab is recorded while it is connected. */
    panel?: boolean;
    /** The popup: summaries only, never the records. */
    summaryOnly?: boolean;
  } = {},
): TabConnection {
  let port: Runtime.Port | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = (): void => {
    if (closed) return;
    try {
      port = browser.runtime.connect({ name: PORT_NAME });
    } catch {
      timer = setTimeout(open, retryMs);
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (isServerMessage(message)) onMessage(message);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (!closed) timer = setTimeout(open, retryMs);
    });
    const subscribe: PortClientMessage = {
      type: 'subscribe',
      v: PROTOCOL_VERSION,
      tabId,
      ...(panel ? { panel: true } : {}),
      ...(summaryOnly ? { summaryOnly: true } : {}),
    };
    port.postMessage(subscribe);
  };
  open();

  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      port?.disconnect();
      port = null;
    },
  };
}

/** The active tab of the current window (the popup's subject), or null. */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Opens an extension page URL in a new tab (used by the popup). */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

/** Clears one tab's log in the worker; resolves with how many records were dropped. */
export async function clearTab(tabId: number): Promise<number> {
  return (await request('cors-lens:clear', { tabId })).cleared;
}

/**
 * "Record and reload": turns the tab's site on (remembered in the settings), then reloads the
 * tab so the page hook and the listeners see the page from its first request.
 */
export async function recordSiteAndReload(tabId: number, host: string): Promise<void> {
  const { recordSites } = await request('cors-lens:settings', {});
  if (!recordSites.includes(host))
    await request('cors-lens:settings', { set: { recordSites: [...recordSites, host] } });
  await browser.tabs.reload(tabId);
}
