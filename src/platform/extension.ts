/**
 * The worker's other browser needs, behind small interfaces so the capture logic runs in Node
 * tests with fakes: session storage, local settings, the action badge, messaging and ports.
 */
import type { BrowserProfile } from '../evaluator/types';
import { browser, type Runtime } from './browser';

/** Key-value storage as the capture uses it (storage.session in the extension). */
export interface KeyValueStore {
  getAll(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  bytesInUse?(): Promise<number>;
}

export interface Badge {
  show(tabId: number, blocked: number): void;
}

function storeOver(area: typeof browser.storage.session): KeyValueStore {
  return {
    getAll: () => area.get(null),
    set: (items) => area.set(items),
    remove: (keys) => area.remove([...keys]),
  };
}

export const sessionStore = (): KeyValueStore => storeOver(browser.storage.session);
export const localStore = (): KeyValueStore => storeOver(browser.storage.local);

export function actionBadge(): Badge {
  return {
    show(tabId, blocked) {
      // The tab may be gone by now: a failed badge update is not worth reporting.
      const text = blocked > 0 ? String(blocked) : '';
      browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
      if (blocked > 0)
        browser.action.setBadgeBackgroundColor({ tabId, color: '#d93025' }).catch(() => undefined);
    },
  };
}

/** Firefox exposes runtime.getBrowserInfo; Chromium does not. */
export function runtimeProfile(): BrowserProfile {
  // The polyfill's types declare it everywhere: ask the object itself.
  return typeof Reflect.get(browser.runtime, 'getBrowserInfo') === 'function' ? 'firefox' : 'chrome';
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** `Chrome/156.0.8078.79` or `Firefox/153.0` from the user agent, for reports. */
export function browserLabel(): string | undefined {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const match = /(Firefox|Edg|Chrome)\/([\d.]+)/.exec(ua);
  return match ? `${match[1] === 'Edg' ? 'Edge' : match[1]}/${match[2]}` : undefined;
}

export interface MessageSenderInfo {
  readonly tabId?: number;
  readonly frameId?: number;
  readonly url?: string;
  readonly origin?: string;
}

export type MessageHandler = (message: unknown, sender: MessageSenderInfo) => Promise<unknown>;

/** One-shot messages; the answer goes back through sendResponse, which every browser supports. */
export function onRuntimeMessage(handler: MessageHandler): void {
  const listener: Runtime.OnMessageListenerCallback = (message, sender, sendResponse) => {
    // `origin` is Chromium's (MessageSender.origin); the polyfill's types do not list it.
    const origin: unknown = Reflect.get(sender, 'origin');
    const info: MessageSenderInfo = {
      ...(sender.tab?.id === undefined ? {} : { tabId: sender.tab.id }),
      ...(sender.frameId === undefined ? {} : { frameId: sender.frameId }),
      ...(sender.url === undefined ? {} : { url: sender.url }),
      ...(typeof origin === 'string' ? { origin } : {}),
    };
    handler(message, info).then(sendResponse, (error: unknown) =>
      sendResponse({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
}

/** A live port as the capture uses it. */
export interface PortLike {
  readonly name: string;
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

export function onRuntimeConnect(handler: (port: PortLike) => void): void {
  browser.runtime.onConnect.addListener((port) => {
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
    });
    handler({
      name: port.name,
      post(message) {
        if (!open) return;
        try {
          port.postMessage(message);
        } catch {
          open = false;
        }
      },
      onMessage: (listener) => port.onMessage.addListener((m: unknown) => listener(m)),
      onDisconnect: (listener) => port.onDisconnect.addListener(() => listener()),
    });
  });
}

export function onTabRemoved(handler: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => handler(tabId));
}

/** The open tabs' ids and URLs (readable with the host permission; no `tabs` permission). */
export async function openTabs(): Promise<{ tabId: number; url: string }[]> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  return tabs.flatMap((tab) => {
    // A navigation not yet committed: its page is the one coming (Chrome's `pendingUrl`).
    const pending: unknown = Reflect.get(tab, 'pendingUrl');
    const url = typeof pending === 'string' && pending !== '' ? pending : tab.url;
    return tab.id !== undefined && url ? [{ tabId: tab.id, url }] : [];
  });
}
