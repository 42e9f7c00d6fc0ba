import type {
  Header,
  ObservedExchange,
  ObservedPreflight,
  ObservedResponse,
} from '../../../src/evaluator/types';

/** Test fixture language: terse builders for exchanges. */
export const APP = 'https://app.example';
export const API = 'https://api.example';

export function h(pairs: Record<string, string | string[]>): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(pairs)) {
    for (const v of Array.isArray(value) ? value : [value]) out.push({ name, value: v });
  }
  return out;
}

export function res(status: number, headers: Record<string, string | string[]> = {}): ObservedResponse {
  return { status, headers: h(headers) };
}

export function pre(
  response: ObservedResponse | undefined,
  url = `${API}/data`,
  extra: Partial<ObservedPreflight> = {},
): ObservedPreflight {
  return {
    url,
    requestHeaders: h({ Origin: APP, 'Access-Control-Request-Method': 'GET' }),
    response,
    ...extra,
  };
}

export function ex(overrides: Partial<ObservedExchange> = {}): ObservedExchange {
  return {
    initiatorOrigin: APP,
    url: `${API}/data`,
    method: 'GET',
    requestHeaders: h({ Origin: APP }),
    destination: '',
    mode: 'cors',
    credentials: 'omit',
    redirect: 'follow',
    preflights: [],
    redirects: [],
    response: res(200, { 'Access-Control-Allow-Origin': APP }),
    ...overrides,
  };
}
