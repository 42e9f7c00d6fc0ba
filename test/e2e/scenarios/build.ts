import type { Expected, Reply, Step } from './types';

/** Small builders so each scenario reads as one line of data. */
export type HeaderLine = readonly [string, string];

export const acao = (value: string): HeaderLine => ['Access-Control-Allow-Origin', value];
export const acac = (value: string): HeaderLine => ['Access-Control-Allow-Credentials', value];
export const acam = (value: string): HeaderLine => ['Access-Control-Allow-Methods', value];
export const acah = (value: string): HeaderLine => ['Access-Control-Allow-Headers', value];
export const aceh = (value: string): HeaderLine => ['Access-Control-Expose-Headers', value];
export const maxAge = (seconds: number): HeaderLine => ['Access-Control-Max-Age', String(seconds)];
export const corp = (value: string): HeaderLine => ['Cross-Origin-Resource-Policy', value];
export const location = (value: string): HeaderLine => ['Location', value];

/** The URL of a scenario step on an origin placeholder. */
export const at = (id: string, step = 'a', origin = '{api}'): string => `${origin}/s/${id}/${step}`;

export const reply = (headers: readonly HeaderLine[], status = 200, body?: Reply['body']): Reply =>
  body ? { status, headers, body } : { status, headers };

/** One step answering the actual request only. */
export const only = (actual: Reply): Record<string, Step> => ({ a: { actual } });
/** One step with a preflight answer and an actual answer. */
export const withPreflight = (options: Reply, actual: Reply): Record<string, Step> => ({
  a: { options, actual },
});

export const allowed: Expected = { verdict: 'allowed' };
export const opaque: Expected = { verdict: 'opaque' };
export const blocked = (corsError: NonNullable<Expected['corsError']>, failedParameter?: string): Expected =>
  failedParameter === undefined
    ? { verdict: 'blocked', corsError }
    : { verdict: 'blocked', corsError, failedParameter };
