import type { Page } from 'playwright-core';
import type { ReportJson, ReportRecord } from '../../../src/shared/report-schema';
import { pollFor, sendMessage } from './browser';

/** The extension's JSON report for one tab, unredacted (the test compares URLs). */
export async function fetchReport(extensionPage: Page, tabId: number): Promise<ReportJson> {
  const answer = await sendMessage<ReportJson | { error: string } | undefined>(extensionPage, {
    type: 'cors-lens:report',
    format: 'json',
    tabId,
    redact: false,
  });
  if (!answer || !('records' in answer)) {
    throw new Error(`report failed: ${JSON.stringify(answer)?.slice(0, 300)}`);
  }
  return answer;
}

export function byUrl(records: readonly ReportRecord[]): Map<string, ReportRecord[]> {
  const map = new Map<string, ReportRecord[]>();
  for (const r of records) map.set(r.url, [...(map.get(r.url) ?? []), r]);
  return map;
}

/**
 * Poll the report until every URL has at least its count of records and two consecutive reads
 * agree on every verdict (records still in flight settle). Tolerates a worker restart. On timeout
 * returns the last records read, so the caller's comparison names what is missing; throws only
 * when no report could be read at all.
 */
export async function waitForRecords(
  extensionPage: Page,
  tabId: number,
  wanted: ReadonlyMap<string, number>,
  timeoutMs = 20_000,
): Promise<ReportRecord[]> {
  let previous = '';
  let last: ReportJson | undefined;
  const settled = (r: ReportJson): boolean => {
    last = r;
    const found = byUrl(r.records);
    const complete = [...wanted].every(([url, n]) => (found.get(url)?.length ?? 0) >= n);
    const signature = r.records.map((x) => `${x.id}:${x.verdict}:${x.corsError}:${x.durationMs}`).join('|');
    const stable = complete && signature === previous;
    previous = signature;
    return stable;
  };
  try {
    await pollFor(() => fetchReport(extensionPage, tabId), settled, {
      timeoutMs,
      what: `records for ${wanted.size} URLs`,
    });
  } catch (error) {
    if (!last) throw error;
    const found = byUrl(last.records);
    const missing = [...wanted].filter(([url, n]) => (found.get(url)?.length ?? 0) < n).map(([url]) => url);
    console.log(`records still missing after ${timeoutMs} ms: ${missing.length} URLs`);
  }
  return last ? [...last.records] : [];
}
