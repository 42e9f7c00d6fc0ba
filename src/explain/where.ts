import type { CorsRecord } from '../shared/record';

// Small readers shared by the sentence builders: which host, which URL, which header spelling.

/** `api.example.com` (with port when not default); the raw text when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The URL whose answer decided the verdict: the failing hop, else the final response's URL. */
export function decidingUrl(record: CorsRecord): string {
  const { evaluation, exchange } = record;
  const fixed = evaluation.fix.find((step) => step.on !== 'request');
  if (fixed !== undefined) return fixed.url;
  if (evaluation.failedOn === 'redirect')
    return exchange.redirects[evaluation.failedHop ?? 0]?.url ?? exchange.url;
  if (evaluation.failedOn === 'preflight') {
    return exchange.preflights[evaluation.failedHop ?? 0]?.url ?? exchange.preflights[0]?.url ?? exchange.url;
  }
  return finalUrl(record);
}

/** The last URL of the redirect chain (the final Location resolved against its hop). */
export function finalUrl(record: CorsRecord): string {
  const last = record.exchange.redirects.at(-1);
  if (last === undefined) return record.exchange.url;
  try {
    return new URL(last.location, last.url).href;
  } catch {
    return last.location;
  }
}

/** The request header's name as the page spelled it (`X-Trace-Id`), from its lowercase form. */
export function headerSpelling(record: CorsRecord, lowercase: string): string {
  const found = record.exchange.requestHeaders.find((h) => h.name.toLowerCase() === lowercase.toLowerCase());
  return found?.name ?? lowercase;
}

/** The status of the preflight answer for the failing hop, when one was seen. */
export function preflightStatus(record: CorsRecord): number | null {
  const hop = record.evaluation.failedHop ?? 0;
  const preflight = record.exchange.preflights[hop] ?? record.exchange.preflights[0];
  return preflight?.response?.status ?? null;
}

/** The trace's detail code for the failing step of a rule, if any. */
export function failingDetail(record: CorsRecord, rule: string): string | undefined {
  return record.evaluation.trace.find((step) => step.rule === rule && step.outcome === 'fail')?.detail;
}
