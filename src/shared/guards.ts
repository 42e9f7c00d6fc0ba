/**
 * Runtime checks for every message a context receives: the protocol's types say what should
 * arrive, these say what did. One guard per message type, in tables typed over the protocol's
 * maps: a message type added to ./protocol.ts without its guard here does not compile. Every
 * guard builds the value it returns from checked fields (no cast), and a message of another
 * protocol version is refused with a reason, as is any bad field.
 */

import type { PageOutcome } from '../evaluator/types';
import {
  CANVAS_READS,
  type CanvasRead,
  type CanvasSource,
  type CanvasTaint,
  MAX_SOURCES,
} from './canvas-taint';
import { MAX_BATCH_CALLS } from './page-channel';
import { MAX_WORKER_URL_CHARS, MAX_WORKER_URLS, type PageWorkers } from './page-workers';
import {
  type PortClientMap,
  type PortClientMessage,
  PROTOCOL_VERSION,
  type RequestMessage,
  type RequestType,
  type Settings,
} from './protocol';
import type { PageCall } from './record';
import { RECORD_SCOPES, siteEntry } from './scope';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTabId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const fail = (error: string): Checked<never> => ({ ok: false, error });
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 60) ?? 'none';

/** `v` is required and must be ours: a page of an older build talking to a newer worker. */
function checkVersion(label: string, message: Fields): Checked<number> {
  if (message.v === PROTOCOL_VERSION) return ok(PROTOCOL_VERSION);
  if (message.v === undefined)
    return fail(`${label}: protocol version \`v\` is missing (this worker speaks v=${PROTOCOL_VERSION})`);
  return fail(
    `${label}: protocol version mismatch: got v=${shown(message.v)}, this worker speaks v=${PROTOCOL_VERSION} (reload the extension's pages)`,
  );
}

export function checkSettingsPatch(value: unknown): Checked<Partial<Settings>> {
  if (!isObject(value)) return fail('settings: `set` must be an object');
  let patch: Partial<Settings> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'preserveLog' || key === 'redactByDefault') {
      if (typeof v !== 'boolean') return fail(`settings: ${key} must be true or false`);
      patch = { ...patch, [key]: v };
    } else if (key === 'maxRecordsPerTab') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100_000)
        return fail('settings: maxRecordsPerTab must be an integer from 1 to 100000');
      patch = { ...patch, maxRecordsPerTab: v };
    } else if (key === 'redactHeaders' || key === 'redactParams') {
      if (!isStringList(v)) return fail(`settings: ${key} must be a list of names`);
      patch = { ...patch, [key]: v };
    } else if (key === 'recordScope') {
      const scope = RECORD_SCOPES.find((known) => known === v);
      if (scope === undefined)
        return fail(`settings: recordScope must be ${RECORD_SCOPES.map((s) => `'${s}'`).join(' or ')}`);
      patch = { ...patch, recordScope: scope };
    } else if (key === 'recordSites') {
      if (!isStringList(v) || v.length > 1000)
        return fail('settings: recordSites must be a list of host names');
      const sites: string[] = [];
      for (const value of v) {
        const site = siteEntry(value);
        if (site === undefined) return fail(`settings: recordSites: not a host name: ${shown(value)}`);
        if (!sites.includes(site)) sites.push(site);
      }
      patch = { ...patch, recordSites: sites };
    } else {
      return fail(`settings: unknown setting "${key.slice(0, 40)}"`);
    }
  }
  return ok(patch);
}

const RESPONSE_TYPES = ['basic', 'cors', 'opaque', 'opaqueredirect', 'default', 'error'] as const;
type ResponseType = (typeof RESPONSE_TYPES)[number];
const isResponseType = (value: unknown): value is ResponseType =>
  RESPONSE_TYPES.some((type) => type === value);

function toOutcome(value: unknown): PageOutcome | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === 'rejected')
    return typeof value.message === 'string' ? { kind: 'rejected', message: value.message } : undefined;
  const { status, type } = value;
  if (value.kind !== 'response' || typeof status !== 'number' || !isResponseType(type)) return undefined;
  return { kind: 'response', status, type };
}

const CACHED_TYPES = ['opaque', 'opaqueredirect', 'other', 'none'] as const;

/** One call of a page-calls batch; the error names the field (the caller names the call). */
export function checkPageCall(value: unknown): Checked<PageCall> {
  if (!isObject(value)) return fail('`call` must be an object');
  const { api, url, method, headerNames } = value;
  if (api !== 'fetch' && api !== 'xhr' && api !== 'element') return fail('api must be fetch, xhr or element');
  if (typeof url !== 'string' || typeof method !== 'string') return fail('url and method must be strings');
  if (!isStringList(headerNames)) return fail('headerNames must be a list of names');
  let call: PageCall = { api, url, method, headerNames };
  for (const key of ['mode', 'credentials', 'redirect', 'callSite', 'targetAddressSpace'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return fail(`${key} must be a string when given`);
    call = { ...call, [key]: field };
  }
  if (value.serviceWorker !== undefined) {
    const sw = value.serviceWorker;
    if (!isObject(sw) || typeof sw.script !== 'string')
      return fail('serviceWorker must be { script, cached? } when given');
    const cached = CACHED_TYPES.find((type) => type === sw.cached);
    if (sw.cached !== undefined && cached === undefined)
      return fail(`serviceWorker.cached must be one of ${CACHED_TYPES.join(', ')}`);
    call = { ...call, serviceWorker: { script: sw.script, ...(cached === undefined ? {} : { cached }) } };
  }
  if (value.outcome !== undefined) {
    const outcome = toOutcome(value.outcome);
    if (!outcome)
      return fail('outcome must be { kind: "response", status, type } or { kind: "rejected", message }');
    call = { ...call, outcome };
  }
  return ok(call);
}

export const isPageCall = (value: unknown): value is PageCall => checkPageCall(value).ok;

const SOURCE_KINDS: readonly string[] = ['img', 'video', 'image', 'canvas', 'other'];

/** A canvas taint report from a page: every field checked, strings bounded by the event's size. */
export function checkCanvasTaint(value: unknown): Checked<CanvasTaint> {
  if (!isObject(value)) return fail('canvas-taint: taint must be an object');
  const { read, sources, callSite } = value;
  if (typeof read !== 'string' || !(CANVAS_READS as readonly string[]).includes(read))
    return fail(`canvas-taint: read must be one of ${CANVAS_READS.join(', ')}`);
  if (!Array.isArray(sources) || sources.length > MAX_SOURCES)
    return fail(`canvas-taint: sources must be a list of at most ${MAX_SOURCES}`);
  const checked: CanvasSource[] = [];
  for (const source of sources) {
    if (!isObject(source) || typeof source.kind !== 'string' || !SOURCE_KINDS.includes(source.kind))
      return fail('canvas-taint: a source needs a kind');
    const { url, crossOrigin } = source;
    if (url !== undefined && typeof url !== 'string')
      return fail('canvas-taint: a source url must be a string');
    if (crossOrigin !== null && typeof crossOrigin !== 'string')
      return fail('canvas-taint: crossOrigin must be a string or null');
    checked.push({
      kind: source.kind as CanvasSource['kind'],
      ...(url === undefined ? {} : { url }),
      crossOrigin,
    });
  }
  if (callSite !== undefined && typeof callSite !== 'string')
    return fail('canvas-taint: callSite must be a string');
  return ok({
    read: read as CanvasRead,
    sources: checked,
    ...(callSite === undefined ? {} : { callSite }),
  });
}

const isWorkerUrlList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= MAX_WORKER_URLS &&
  value.every((url) => typeof url === 'string' && url.length <= MAX_WORKER_URL_CHARS);

/** A page's workers, as its hook saw them: bounded lists of script URLs. */
export function checkPageWorkers(value: unknown): Checked<PageWorkers> {
  if (!isObject(value)) return fail('page-workers: workers must be an object');
  const { controller, registered, shared } = value;
  if (
    controller !== undefined &&
    (typeof controller !== 'string' || controller.length > MAX_WORKER_URL_CHARS)
  )
    return fail('page-workers: controller must be a script URL when given');
  if (!isWorkerUrlList(registered) || !isWorkerUrlList(shared))
    return fail(`page-workers: registered and shared must be lists of at most ${MAX_WORKER_URLS} URLs`);
  return ok({
    ...(controller === undefined ? {} : { controller }),
    registered: [...registered],
    shared: [...shared],
  });
}

function withTab<R>(m: Fields, label: string, build: (tabId: number) => R): Checked<R> {
  return isTabId(m.tabId)
    ? ok(build(m.tabId))
    : fail(`${label}: tabId must be a tab id (a non-negative integer)`);
}

/** One guard per one-shot request type; each gets the message and its (checked) version. */
const REQUEST_GUARDS: { [T in RequestType]: (m: Fields, v: number) => Checked<RequestMessage<T>> } = {
  'cors-lens:report': (m, v) => {
    const { format, tabId, redact } = m;
    if (format !== 'json' && format !== 'markdown' && format !== 'har')
      return fail('report: format must be json, markdown or har');
    if (tabId !== undefined && !isTabId(tabId)) return fail('report: tabId must be a tab id when given');
    if (redact !== undefined && typeof redact !== 'boolean') return fail('report: redact must be a boolean');
    return ok({
      type: 'cors-lens:report',
      v,
      format,
      ...(tabId === undefined ? {} : { tabId }),
      ...(redact === undefined ? {} : { redact }),
    });
  },
  'cors-lens:summary': (m, v) => withTab(m, 'summary', (tabId) => ({ type: 'cors-lens:summary', v, tabId })),
  'cors-lens:records': (m, v) => withTab(m, 'records', (tabId) => ({ type: 'cors-lens:records', v, tabId })),
  'cors-lens:scope': (m, v) => withTab(m, 'scope', (tabId) => ({ type: 'cors-lens:scope', v, tabId })),
  'cors-lens:clear': (m, v) => withTab(m, 'clear', (tabId) => ({ type: 'cors-lens:clear', v, tabId })),
  'cors-lens:settings': (m, v) => {
    if (m.set === undefined) return ok({ type: 'cors-lens:settings', v });
    const patch = checkSettingsPatch(m.set);
    return patch.ok ? ok({ type: 'cors-lens:settings', v, set: patch.value }) : patch;
  },
  'cors-lens:page-calls': (m, v) => {
    const { calls } = m;
    if (!Array.isArray(calls) || calls.length === 0 || calls.length > MAX_BATCH_CALLS)
      return fail(`page-calls: calls must be a list of 1 to ${MAX_BATCH_CALLS} calls`);
    const checked: { call: PageCall; refused: boolean }[] = [];
    for (const [index, entry] of calls.entries()) {
      const call = checkPageCall(isObject(entry) ? entry.call : undefined);
      if (!call.ok) return fail(`page-calls: calls[${index}]: ${call.error}`);
      checked.push({ call: call.value, refused: isObject(entry) && entry.refused === true });
    }
    return ok({ type: 'cors-lens:page-calls', v, calls: checked });
  },
  'cors-lens:canvas-taint': (m, v) => {
    const taint = checkCanvasTaint(m.taint);
    return taint.ok ? ok({ type: 'cors-lens:canvas-taint', v, taint: taint.value }) : taint;
  },
  'cors-lens:page-workers': (m, v) => {
    const workers = checkPageWorkers(m.workers);
    return workers.ok ? ok({ type: 'cors-lens:page-workers', v, workers: workers.value }) : workers;
  },
};

const isRequestType = (type: unknown): type is RequestType =>
  typeof type === 'string' && Object.hasOwn(REQUEST_GUARDS, type);

/** Checks a one-shot request; unknown types, other versions and bad fields are refused. */
export function checkRequest(message: unknown): Checked<RequestMessage> {
  if (!isObject(message)) return fail('message must be an object with a `type`');
  const { type } = message;
  if (!isRequestType(type)) return fail(`unknown message type: ${shown(type)}`);
  const version = checkVersion(type, message);
  if (!version.ok) return version;
  return REQUEST_GUARDS[type](message, version.value);
}

type PortClientType = keyof PortClientMap;

/** One guard per message the live port accepts from a client. */
const PORT_GUARDS: {
  [K in PortClientType]: (m: Fields, v: number) => Checked<Extract<PortClientMessage, { type: K }>>;
} = {
  subscribe: (m, v) =>
    isTabId(m.tabId)
      ? ok({
          type: 'subscribe',
          v,
          tabId: m.tabId,
          ...(m.panel === true ? { panel: true } : {}),
          ...(m.summaryOnly === true ? { summaryOnly: true } : {}),
        })
      : fail('subscribe: tabId must be a tab id'),
  unsubscribe: (_m, v) => ok({ type: 'unsubscribe', v }),
};

const isPortClientType = (type: unknown): type is PortClientType =>
  typeof type === 'string' && Object.hasOwn(PORT_GUARDS, type);

/** Checks a message arriving on the live port. */
export function checkPortMessage(message: unknown): Checked<PortClientMessage> {
  if (!isObject(message)) return fail('port message must be an object');
  const { type } = message;
  if (!isPortClientType(type)) return fail(`unknown port message type: ${shown(type)}`);
  const version = checkVersion(type, message);
  if (!version.ok) return version;
  return PORT_GUARDS[type](message, version.value);
}
