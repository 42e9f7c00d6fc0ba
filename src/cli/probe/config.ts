import type { Header } from '../../evaluator/types';
import { checkOrigin, checkUrl, parseHeader } from './args';
import { withBody } from './body';

/**
 * `cors.json` for `cors-lens probe --config`: per endpoint, the origins (with methods, headers
 * and credentials) that must be allowed and the origins that must be refused.
 *
 * { "base": "https://api.example",
 *   "endpoints": [
 *     { "url": "/items", "allow": { "origins": ["https://app.example"], "methods": ["GET", "PUT"],
 *                                   "headers": ["Content-Type: application/json"], "credentials": true,
 *                                   "data": "{\"name\": \"x\"}" },
 *       "refuse": { "origins": ["https://evil.example"] } } ] }
 */
export interface Check {
  readonly endpoint: string;
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly headers: readonly Header[];
  readonly credentials: boolean;
  /** The body ("data"), on methods that carry one. */
  readonly body?: string;
  readonly expect: 'allowed' | 'blocked';
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(value: Json, where: string, fallback?: readonly string[]): string[] | { error: string } {
  if (value === undefined && fallback !== undefined) return [...fallback];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    return { error: `${where} must be a list of strings` };
  return value as string[];
}

/** Checks in file order; `base` (from the file or --base) resolves relative endpoint URLs. */
export function parseConfig(text: string, baseOverride: string | null): Check[] | { error: string } {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (caught) {
    return { error: `not JSON: ${caught instanceof Error ? caught.message : String(caught)}` };
  }
  if (!isObject(doc) || !Array.isArray(doc.endpoints) || doc.endpoints.length === 0)
    return { error: 'needs { "endpoints": [ … ] } with at least one endpoint' };
  const base = baseOverride ?? (typeof doc.base === 'string' ? doc.base : undefined);
  const checks: Check[] = [];
  for (const [n, endpoint] of doc.endpoints.entries()) {
    const at = `endpoints[${n}]`;
    if (!isObject(endpoint) || typeof endpoint.url !== 'string') return { error: `${at} needs a "url"` };
    let resolved: string;
    try {
      resolved = new URL(endpoint.url, base).href;
    } catch {
      return {
        error: `${at}.url: "${endpoint.url}" is not a URL${base === undefined ? ' (relative, and no "base")' : ''}`,
      };
    }
    const url = checkUrl(resolved);
    if (typeof url !== 'string') return { error: `${at}.url: ${url.error}` };
    const allow = endpoint.allow ?? {};
    const refuse = endpoint.refuse ?? {};
    if (!isObject(allow) || !isObject(refuse))
      return { error: `${at}: "allow" and "refuse" must be objects` };
    const credentials = allow.credentials === true;
    const lists = {
      allowOrigins: strings(allow.origins, `${at}.allow.origins`, []),
      methods: strings(allow.methods, `${at}.allow.methods`, ['GET']),
      headers: strings(allow.headers, `${at}.allow.headers`, []),
      refuseOrigins: strings(refuse.origins, `${at}.refuse.origins`, []),
    };
    for (const list of Object.values(lists)) if (!Array.isArray(list)) return list;
    const { allowOrigins, methods, headers, refuseOrigins } = lists as Record<keyof typeof lists, string[]>;
    if (allowOrigins.length + refuseOrigins.length === 0)
      return { error: `${at} needs "allow": { "origins": […] } or "refuse": { "origins": […] }` };
    const parsedHeaders: Header[] = [];
    for (const line of headers) {
      // A bare name gets a value no safelist accepts, so the preflight must list it.
      const header = parseHeader(line.includes(':') ? line : `${line}: cors-lens`, credentials);
      if ('error' in header) return { error: `${at}.allow.headers: ${header.error}` };
      parsedHeaders.push(header);
    }
    if (allow.data !== undefined && typeof allow.data !== 'string')
      return { error: `${at}.allow.data must be a string (the request body)` };
    const data = typeof allow.data === 'string' ? allow.data : null;
    const name = endpoint.url;
    const check = (origin: string, method: string, expect: 'allowed' | 'blocked') => {
      // GET and HEAD never carry the body; the other methods of the endpoint do.
      const sent = withBody(method, parsedHeaders, /^(GET|HEAD)$/i.test(method) ? null : data);
      const withData = 'error' in sent ? { headers: parsedHeaders } : sent;
      checks.push({ endpoint: name, url, origin, method, credentials, expect, ...withData });
    };
    for (const [i, value] of allowOrigins.entries()) {
      const origin = checkOrigin(value, `${at}.allow.origins[${i}]`);
      if (typeof origin !== 'string') return origin;
      for (const method of methods) check(origin, method, 'allowed');
    }
    for (const [i, value] of refuseOrigins.entries()) {
      const origin = checkOrigin(value, `${at}.refuse.origins[${i}]`);
      if (typeof origin !== 'string') return origin;
      check(origin, methods[0] ?? 'GET', 'blocked');
    }
  }
  return checks;
}
