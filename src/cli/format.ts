import type { BrowserProfile, FixStep } from '../evaluator/types';
import { describePageChange } from '../explain/fix';
import { policyFor } from '../explain/policy';
import { policySnippets } from '../explain/snippets';
import { reasonLabel, recordLabel, summarize } from '../explain/summarize';
import type { CorsRecord } from '../shared/record';
import { policyLines, snippetLines } from './policy-text';
import { printable } from './terminal';

/**
 * Text output of `cors-lens explain`: one block per kind of failure (or per blocked request
 * with --all), one line per other request with --all, and a summary line. Values from the HAR
 * are untrusted: each goes through `printable` (./terminal.ts), so a header value cannot move
 * the cursor, recolour the terminal or fake a line of its own.
 */
export { printable } from './terminal';

function fixLines(step: FixStep): string[] {
  const target = step.on === 'preflight' ? `OPTIONS ${step.url} (preflight)` : `${step.method} ${step.url}`;
  const lines = [`    on ${printable(target)}:`];
  if (step.status !== undefined) lines.push(`      status ${step.status}`);
  for (const header of step.setHeaders)
    lines.push(`      ${printable(header.name)}: ${printable(header.value)}`);
  for (const name of step.removeHeaders) lines.push(`      remove ${printable(name)}`);
  if (step.pageChange !== undefined) lines.push(`      in the page: ${describePageChange(step.pageChange)}`);
  return lines;
}

function codeOf(record: CorsRecord): string {
  const { corsError, blockedReason, failedParameter, firefoxReason } = record.evaluation;
  const none = record.imported?.reasonUnknown ? 'unknown (not in the HAR)' : 'network-error';
  const code = corsError ?? blockedReason ?? none;
  const parameter = failedParameter ? ` (${printable(failedParameter)})` : '';
  const firefox = firefoxReason ? `  [firefox: ${firefoxReason}]` : '';
  return `${code}${parameter}${firefox}`;
}

/** `chrome ✗ Missing Allow-Origin · firefox ✗ … · spec ✓`: every profile asked for, from byProfile. */
export function profileLine(record: CorsRecord, profiles: readonly BrowserProfile[]): string {
  const cells = profiles.map((p) => {
    const v = record.evaluation.byProfile[p];
    if (v === undefined) return `${p} ?`;
    if (v.verdict === 'allowed') return `${p} ✓`;
    if (v.verdict === 'opaque') return `${p} ○`;
    return `${p} ✗ ${v.corsError ?? v.blockedReason ?? 'network-error'}${v.failedParameter ? ` (${printable(v.failedParameter)})` : ''}`;
  });
  return `profiles: ${cells.join(' · ')}`;
}

export interface BlockOptions {
  readonly viaServiceWorker?: boolean;
  readonly fix?: string | null;
  readonly profiles?: readonly BrowserProfile[];
  /** How many requests share this block's host, reason and fix (1: a single request). */
  readonly count?: number;
  /** The other URLs of the group. */
  readonly others?: readonly string[];
  /** Every record of the input: the --fix snippet is the policy over all those to the same server. */
  readonly related?: readonly CorsRecord[];
}

export function blockedBlock(record: CorsRecord, opts: BlockOptions = {}): string {
  const { exchange, evaluation } = record;
  const count = opts.count ?? 1;
  const lines = [
    `✗ ${printable(exchange.method)} ${printable(exchange.url)}${count > 1 ? `  (×${count})` : ''}`,
    `  from:   ${printable(exchange.initiatorOrigin)}`,
    `  reason: ${codeOf(record)}`,
    `  why:    ${printable(summarize(record))}`,
  ];
  if (opts.profiles !== undefined && opts.profiles.length > 1)
    lines.push(`  ${profileLine(record, opts.profiles)}`);
  // The headers judged came from the page's service worker, so the fix may belong there.
  if (opts.viaServiceWorker) lines.push('  note:   answered by a service worker, not the network');
  if (count > 1) {
    const shown = (opts.others ?? []).slice(0, 3).map((u) => `    also ${printable(u)}`);
    const more = count - 1 - shown.length;
    lines.push(`  same host, reason and fix for ${count} requests (--all lists each):`, ...shown);
    if (more > 0) lines.push(`    … and ${more} more`);
  }
  if (evaluation.fix.length > 0) {
    lines.push('  fix:');
    for (const step of evaluation.fix) lines.push(...fixLines(step));
  }
  if (opts.fix && evaluation.verdict === 'blocked') {
    const policy = policyFor(record, opts.related);
    const snippet = policySnippets(policy).find((s) => s.id === opts.fix);
    if (snippet !== undefined) lines.push(...snippetLines(snippet), ...policyLines(policy));
  }
  return lines.join('\n');
}

/** Failures with the same host, reason (code and parameter) and fix read as one, with a count. */
function groupKey(record: CorsRecord): string {
  const e = record.evaluation;
  let host = '';
  try {
    host = new URL(record.exchange.url).host;
  } catch {
    host = record.exchange.url;
  }
  const fix = e.fix.map((f) => [
    f.on,
    f.status,
    JSON.stringify(f.setHeaders),
    f.removeHeaders.join(),
    f.pageChange,
  ]);
  return JSON.stringify([
    host,
    record.exchange.initiatorOrigin,
    e.corsError,
    e.failedParameter,
    e.blockedReason,
    fix,
  ]);
}

export function groupBlocked(
  blocked: readonly CorsRecord[],
  opts: {
    readonly each: boolean;
    readonly viaWorker: ReadonlySet<CorsRecord | undefined>;
    readonly fix: string | null;
    readonly profiles: readonly BrowserProfile[];
    readonly related?: readonly CorsRecord[];
  },
): string[] {
  const base = { fix: opts.fix, profiles: opts.profiles, related: opts.related };
  if (opts.each)
    return blocked.map((r) => blockedBlock(r, { ...base, viaServiceWorker: opts.viaWorker.has(r) }));
  const groups = new Map<string, CorsRecord[]>();
  for (const record of blocked) {
    const key = groupKey(record) + (opts.viaWorker.has(record) ? ':sw' : '');
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.values()].map((group) => {
    const [first, ...rest] = group as [CorsRecord, ...CorsRecord[]];
    return blockedBlock(first, {
      ...base,
      viaServiceWorker: opts.viaWorker.has(first),
      count: group.length,
      others: rest.map((r) => `${r.exchange.method} ${r.exchange.url}`),
    });
  });
}

export function otherLine(record: CorsRecord): string {
  const mark = record.evaluation.verdict === 'allowed' ? '✓' : '○';
  const other = record.imported?.otherCredentials;
  // The credentials mode the HAR does not record would change this verdict: give both.
  const mode =
    other === undefined
      ? ''
      : `; ${other.credentials === 'include' ? 'with' : 'without'} credentials: ${reasonLabel(other)}`;
  const label = printable(recordLabel(record) + mode);
  return `${mark} ${printable(record.exchange.method)} ${printable(record.exchange.url)}  ${label}`;
}

export interface Counts {
  readonly total: number;
  readonly crossOrigin: number;
  readonly allowed: number;
  readonly blocked: number;
  readonly opaque: number;
}

export function countVerdicts(total: number, records: readonly CorsRecord[]): Counts {
  const count = (verdict: string) => records.filter((r) => r.evaluation.verdict === verdict).length;
  return {
    total,
    crossOrigin: records.length,
    allowed: count('allowed'),
    blocked: count('blocked'),
    opaque: count('opaque'),
  };
}

export function summaryLine(counts: Counts, profile: string): string {
  return (
    `${counts.crossOrigin} cross-origin of ${counts.total} requests: ${counts.blocked} blocked, ` +
    `${counts.allowed} allowed, ${counts.opaque} opaque (profile ${profile})`
  );
}
