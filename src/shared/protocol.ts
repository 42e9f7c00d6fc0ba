import type { CanvasTaint } from './canvas-taint';
import type { PageWorkers } from './page-workers';
import type { CorsRecord, PageCall, TabSummary } from './record';
import type { ReportJson } from './report-schema';
import type { RecordScope, ScopeReason } from './scope';

/**
 * The one message protocol between the extension's contexts. Two channels:
 * - one-shot requests (`runtime.sendMessage`): a map from `type` to request and response;
 * - a live subscription per tab (`runtime.connect` with PORT_NAME): server and client maps.
 * Every message carries `v` (PROTOCOL_VERSION); every receiver checks it and the shape with the
 * guards in ./guards.ts before acting.
 */
// v=2: the relay's one-call `page-call` became `page-calls`, a batch (src/shared/page-channel.ts).
export const PROTOCOL_VERSION = 2;
export const PORT_NAME = 'cors-lens:tab';

export interface Settings {
  readonly preserveLog: boolean;
  readonly maxRecordsPerTab: number;
  /** Header names redacted in exports (lowercase). */
  readonly redactHeaders: readonly string[];
  /** Query parameter names redacted in exports (lowercase). */
  readonly redactParams: readonly string[];
  readonly redactByDefault: boolean;
  /** Which pages are recorded (src/shared/scope.ts): development hosts and chosen sites, or all. */
  readonly recordScope: RecordScope;
  /** Host names recorded besides development hosts ("Record CORS on this site"). */
  readonly recordSites: readonly string[];
}

/** A tab's place in the recording scope. */
export interface TabScope {
  readonly tabId: number;
  readonly recorded: boolean;
  readonly reason: ScopeReason;
  /** The tab's page host, when it is http(s): what "Record CORS on this site" adds. */
  readonly host?: string;
}

/** One-shot requests: `type` → the message's other fields and the answer. */
export interface RequestMap {
  'cors-lens:report': {
    request: { format: 'json' | 'markdown' | 'har'; tabId?: number; redact?: boolean };
    response: ReportJson | { format: 'markdown'; text: string } | { format: 'har'; har: unknown };
  };
  'cors-lens:summary': { request: { tabId: number }; response: TabSummary };
  'cors-lens:records': { request: { tabId: number }; response: { records: CorsRecord[]; evicted: number } };
  'cors-lens:clear': { request: { tabId: number }; response: { cleared: number } };
  'cors-lens:settings': { request: { set?: Partial<Settings> }; response: Settings };
  /** Whether a tab is recorded, and why (the popup's and panel's "not recorded" state). */
  'cors-lens:scope': { request: { tabId: number }; response: TabScope };
  /** From the isolated-world relay: what the main-world hook saw of the calls of one page task. */
  'cors-lens:page-calls': {
    request: { calls: readonly { call: PageCall; refused: boolean }[] };
    response: { ok: true };
  };
  /** From the relay: a canvas read the browser refused for taint, and what was drawn into it. */
  'cors-lens:canvas-taint': { request: { taint: CanvasTaint }; response: { ok: true } };
  /**
   * From the relay: the page's service worker (controller, registered scripts) and shared
   * workers, the whole picture each time it changes (src/shared/page-workers.ts). Tells which
   * kind of worker a request without a tab came from.
   */
  'cors-lens:page-workers': { request: { workers: PageWorkers }; response: { ok: true } };
}

export type RequestType = keyof RequestMap;
export type RequestMessage<T extends RequestType = RequestType> = T extends RequestType
  ? { type: T; v: number } & RequestMap[T]['request']
  : never;
export type ResponseOf<T extends RequestType> = RequestMap[T]['response'] | { error: string };

/** Port: client (panel/popup) → worker. */
export interface PortClientMap {
  /**
   * `panel`: the tab's CORS panel is open (the tab is recorded while it stays connected).
   * `summaryOnly`: the popup: summaries only, no records (a tab's records are megabytes).
   */
  subscribe: { tabId: number; panel?: boolean; summaryOnly?: boolean };
  unsubscribe: Record<never, never>;
}

/** Port: worker → client. */
export interface PortServerMap {
  /**
   * The tab's records, in parts of a few hundred (one task each, so the worker stays responsive):
   * the first replaces what the client had, each part with `append` continues it.
   */
  snapshot: { tabId: number; records: CorsRecord[]; evicted: number; preserveLog: boolean; append?: boolean };
  record: { record: CorsRecord };
  cleared: { tabId: number };
  summary: { summary: TabSummary };
}

export type PortClientMessage = {
  [K in keyof PortClientMap]: { type: K; v: number } & PortClientMap[K];
}[keyof PortClientMap];
export type PortServerMessage = {
  [K in keyof PortServerMap]: { type: K; v: number } & PortServerMap[K];
}[keyof PortServerMap];

/** The smallest transport the protocol needs; faked in tests, backed by runtime ports in use. */
export interface Transport<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): () => void;
  onDisconnect(listener: () => void): () => void;
  disconnect(): void;
}
