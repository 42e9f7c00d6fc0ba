/**
 * Runtime checks for every message a context receives: the protocol's types say what should
 * arrive, these say what did. A bad message gets `{ error }` naming what is wrong.
 */

import type { PortClientMessage, RequestMessage, Settings } from './protocol';
import type { PageCall } from './record';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTabId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const fail = (error: string): Checked<never> => ({ ok: false, error });

function checkSettingsPatch(value: unknown): Checked<Partial<Settings>> {
  if (!isObject(value)) return fail('settings: `set` must be an object');
  const patch: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'preserveLog' || key === 'redactByDefault') {
      if (typeof v !== 'boolean') return fail(`settings: ${key} must be true or false`);
    } else if (key === 'maxRecordsPerTab') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100_000)
        return fail('settings: maxRecordsPerTab must be an integer from 1 to 100000');
    } else if (key === 'redactHeaders' || key === 'redactParams') {
      if (!isStringList(v)) return fail(`settings: ${key} must be a list of names`);
    } else {
      return fail(`settings: unknown setting "${key.slice(0, 40)}"`);
    }
    patch[key] = v;
  }
  return { ok: true, value: patch as Partial<Settings> };
}

const RESPONSE_TYPES = new Set(['basic', 'cors', 'opaque', 'opaqueredirect', 'default', 'error']);

function isOutcome(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.kind === 'rejected') return typeof value.message === 'string';
  return (
    value.kind === 'response' &&
    typeof value.status === 'number' &&
    typeof value.type === 'string' &&
    RESPONSE_TYPES.has(value.type)
  );
}

function checkPageCall(value: unknown): Checked<PageCall> {
  if (!isObject(value)) return fail('page-call: `call` must be an object');
  if (value.api !== 'fetch' && value.api !== 'xhr') return fail('page-call: api must be fetch or xhr');
  if (typeof value.url !== 'string' || typeof value.method !== 'string')
    return fail('page-call: url and method must be strings');
  if (!isStringList(value.headerNames)) return fail('page-call: headerNames must be a list of names');
  for (const key of ['mode', 'credentials', 'redirect', 'callSite'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      return fail(`page-call: ${key} must be a string when given`);
  }
  if (value.outcome !== undefined && !isOutcome(value.outcome))
    return fail(
      'page-call: outcome must be { kind: "response", status, type } or { kind: "rejected", message }',
    );
  return { ok: true, value: value as unknown as PageCall };
}

/** Checks a one-shot request; unknown types and bad fields are refused with a reason. */
export function checkRequest(message: unknown): Checked<RequestMessage> {
  if (!isObject(message)) return fail('message must be an object with a `type`');
  const { type } = message;
  const needTab = (): Checked<RequestMessage> =>
    isTabId(message.tabId)
      ? { ok: true, value: message as unknown as RequestMessage }
      : fail(`${String(type)}: tabId must be a tab id (a non-negative integer)`);
  switch (type) {
    case 'cors-lens:report': {
      const { format, tabId, redact } = message;
      if (format !== 'json' && format !== 'markdown' && format !== 'har')
        return fail('report: format must be json, markdown or har');
      if (tabId !== undefined && !isTabId(tabId)) return fail('report: tabId must be a tab id when given');
      if (redact !== undefined && typeof redact !== 'boolean')
        return fail('report: redact must be a boolean');
      return { ok: true, value: message as unknown as RequestMessage };
    }
    case 'cors-lens:summary':
    case 'cors-lens:records':
    case 'cors-lens:clear':
      return needTab();
    case 'cors-lens:settings': {
      if (message.set === undefined) return { ok: true, value: { type } };
      const patch = checkSettingsPatch(message.set);
      return patch.ok ? { ok: true, value: { type, set: patch.value } } : patch;
    }
    case 'cors-lens:page-call': {
      const call = checkPageCall(message.call);
      if (!call.ok) return call;
      return { ok: true, value: { type, call: call.value, refused: message.refused === true } };
    }
    default:
      return fail(`unknown message type: ${JSON.stringify(type)?.slice(0, 60) ?? 'none'}`);
  }
}

/** Checks a message arriving on the live port. */
export function checkPortMessage(message: unknown): Checked<PortClientMessage> {
  if (!isObject(message)) return fail('port message must be an object');
  if (message.type === 'subscribe') {
    return isTabId(message.tabId)
      ? { ok: true, value: { type: 'subscribe', v: Number(message.v ?? 1), tabId: message.tabId } }
      : fail('subscribe: tabId must be a tab id');
  }
  if (message.type === 'unsubscribe')
    return { ok: true, value: { type: 'unsubscribe', v: Number(message.v ?? 1) } as PortClientMessage };
  return fail(`unknown port message type: ${JSON.stringify(message.type)?.slice(0, 60) ?? 'none'}`);
}
