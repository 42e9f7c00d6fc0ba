import type { FixStep } from '../evaluator/types';
import { reasonLabel, summarize } from '../explain/summarize';
import type { CorsRecord } from '../shared/record';

/**
 * Text output of `cors-lens explain`: one block per blocked request, one line per other request
 * with --all, and a summary line. Values from the HAR are untrusted: control characters are
 * escaped so a header value cannot move the cursor or recolour the terminal.
 */

// C0 controls except tab, DEL, and C1 controls (ESC [ … and CSI start terminal sequences).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function printable(value: string): string {
  return value.replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function fixLines(step: FixStep): string[] {
  const target = step.on === 'preflight' ? `OPTIONS ${step.url} (preflight)` : `${step.method} ${step.url}`;
  const lines = [`    on ${printable(target)}:`];
  if (step.status !== undefined) lines.push(`      status ${step.status}`);
  for (const header of step.setHeaders)
    lines.push(`      ${printable(header.name)}: ${printable(header.value)}`);
  for (const name of step.removeHeaders) lines.push(`      remove ${printable(name)}`);
  if (step.pageChange !== undefined) lines.push(`      page change: ${step.pageChange}`);
  return lines;
}

function codeOf(record: CorsRecord): string {
  const { corsError, blockedReason, failedParameter, firefoxReason } = record.evaluation;
  const code = corsError ?? blockedReason ?? 'network-error';
  const parameter = failedParameter ? ` (${printable(failedParameter)})` : '';
  const firefox = firefoxReason ? `  [firefox: ${firefoxReason}]` : '';
  return `${code}${parameter}${firefox}`;
}

export function blockedBlock(record: CorsRecord, viaServiceWorker = false): string {
  const { exchange, evaluation } = record;
  const lines = [
    `✗ ${printable(exchange.method)} ${printable(exchange.url)}`,
    `  from:   ${printable(exchange.initiatorOrigin)}`,
    `  reason: ${codeOf(record)}`,
    `  why:    ${printable(summarize(record))}`,
  ];
  // The headers judged came from the page's service worker, so the fix may belong there.
  if (viaServiceWorker) lines.push('  note:   answered by a service worker, not the network');
  if (evaluation.fix.length > 0) {
    lines.push('  fix:');
    for (const step of evaluation.fix) lines.push(...fixLines(step));
  }
  return lines.join('\n');
}

export function otherLine(record: CorsRecord): string {
  const mark = record.evaluation.verdict === 'allowed' ? '✓' : '○';
  const label = printable(reasonLabel(record.evaluation));
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
