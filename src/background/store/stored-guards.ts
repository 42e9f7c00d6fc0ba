/**
 * What storage hands back is checked before the worker uses it: a key written by an older
 * version, a partial write or a stranger's key is skipped, never cast into the state.
 */
import type {
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
  RedirectHop,
} from '../../evaluator/types';
import { isPageCall } from '../../shared/guards';
import type { InFlight, LoosePreflight } from '../assembly/exchange';
import type { StoredRecord, TabState, WaitingCall } from '../state';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, guard: (v: unknown) => boolean) => value === undefined || guard(value);
const listOf = (value: unknown, guard: (v: unknown) => boolean): boolean =>
  Array.isArray(value) && value.every(guard);

const isHeader = (value: unknown): value is Header =>
  isObject(value) && isString(value.name) && isString(value.value);
const isHeaders = (value: unknown): value is Header[] => listOf(value, isHeader);

const isResponse = (value: unknown): value is ObservedResponse =>
  isObject(value) && isNumber(value.status) && isHeaders(value.headers);

const isPreflight = (value: unknown): value is ObservedPreflight =>
  isObject(value) &&
  isString(value.url) &&
  isHeaders(value.requestHeaders) &&
  optional(value.response, isResponse) &&
  optional(value.networkError, isString);

const isHop = (value: unknown): value is RedirectHop =>
  isObject(value) &&
  isString(value.url) &&
  optional(value.requestHeaders, isHeaders) &&
  isResponse(value.response) &&
  isString(value.location);

const OPTIONAL_STRINGS = [
  'requestHeadersSource',
  'mode',
  'credentials',
  'redirect',
  'networkError',
  'remoteIp',
  'targetAddressSpace',
];

export const isExchange = (value: unknown): value is ObservedExchange =>
  isObject(value) &&
  isString(value.initiatorOrigin) &&
  isString(value.url) &&
  isString(value.method) &&
  isHeaders(value.requestHeaders) &&
  isString(value.destination) &&
  listOf(value.preflights, isPreflight) &&
  listOf(value.redirects, isHop) &&
  optional(value.response, isResponse) &&
  OPTIONAL_STRINGS.every((key) => optional(value[key], isString)) &&
  optional(value.refusedByRenderer, (v) => typeof v === 'boolean') &&
  optional(value.forcePreflight, (v) => typeof v === 'boolean') &&
  optional(value.ping, (v) => typeof v === 'boolean') &&
  optional(value.canvasRead, isObject) &&
  optional(value.serviceWorkerAnswer, isObject) &&
  optional(value.pageOutcome, isObject) &&
  optional(value.topLevelOrigin, isString);

const WORKER_CONTEXTS = new Set([
  'service worker',
  'shared worker',
  'worker (service or shared)',
  'worker (no tab)',
]);
const isWorkerContext = (value: unknown): boolean =>
  isObject(value) && WORKER_CONTEXTS.has(value.context as string) && isNumber(value.tabs);

export const isStoredRecord = (value: unknown): value is StoredRecord =>
  isObject(value) &&
  isString(value.id) &&
  isNumber(value.tabId) &&
  isNumber(value.frameId) &&
  optional(value.documentUrl, isString) &&
  isString(value.type) &&
  isNumber(value.startedAt) &&
  optional(value.endedAt, isNumber) &&
  isExchange(value.exchange) &&
  optional(value.call, isPageCall) &&
  optional(value.worker, isWorkerContext) &&
  value.evaluation === undefined;

export const isInFlight = (value: unknown): value is InFlight =>
  isObject(value) &&
  ['requestId', 'type', 'initiator', 'method', 'url', 'currentUrl'].every((k) => isString(value[k])) &&
  isNumber(value.tabId) &&
  isNumber(value.frameId) &&
  isNumber(value.startedAt) &&
  optional(value.documentUrl, isString) &&
  optional(value.firstHeaders, isHeaders) &&
  optional(value.hopHeaders, isHeaders) &&
  listOf(value.redirects, isHop) &&
  optional(value.response, isResponse) &&
  optional(value.isPreflight, (v) => typeof v === 'boolean') &&
  listOf(value.preflights, isPreflight) &&
  optional(value.call, isPageCall) &&
  optional(value.remoteIp, isString) &&
  optional(value.workerTabs, (v) => listOf(v, isNumber)) &&
  optional(value.touchedAt, isNumber);

export const isWaitingCall = (value: unknown): value is WaitingCall & { tabId: number } =>
  isObject(value) &&
  isPageCall(value.call) &&
  isNumber(value.tabId) &&
  isNumber(value.frameId) &&
  isNumber(value.at) &&
  isNumber(value.seq);

export const isTabState = (value: unknown): value is TabState =>
  isObject(value) &&
  isNumber(value.tabId) &&
  listOf(value.ids, isString) &&
  isNumber(value.evicted) &&
  optional(value.unsaved, isNumber) &&
  optional(value.pageUrl, isString) &&
  optional(value.workerKinds, isObject) &&
  isNumber(value.nextPageCall) &&
  listOf(value.calls, isWaitingCall);

export const isLoosePreflight = (value: unknown): value is LoosePreflight =>
  isObject(value) &&
  isNumber(value.tabId) &&
  isString(value.initiator) &&
  isNumber(value.at) &&
  isPreflight(value.preflight);
