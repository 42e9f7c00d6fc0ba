import type { BrowserProfile, Header, TraceStep } from '../../evaluator/types';
import { describeFix } from '../../explain/fix';
import { fixSnippets } from '../../explain/snippets';
import { describeStep } from '../../explain/steps';
import { reasonLabel, summarize } from '../../explain/summarize';
import type { CorsRecord } from '../../shared/record';
import { printable } from '../format';
import type { ProbeArgs } from './args';
import type { ProbeResult, WireEntry } from './run';

type Evaluated = Extract<ProbeResult, { kind: 'evaluated' }>;

// What comes in here went through the probe's one redaction (./redact.ts) already.
const url = (u: string): string => printable(u);
const headerLines = (headers: readonly Header[], indent: string): string[] =>
  headers.map((h) => `${indent}${printable(h.name)}: ${printable(h.value)}`);

function wireLines(entry: WireEntry, verbose: boolean): string[] {
  const { request, response } = entry;
  const what = `${request.method} ${url(request.url)}${entry.kind === 'preflight' ? ' (preflight)' : ''}`;
  const location = response?.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
  const answer =
    response === undefined ? 'no answer' : `${response.status}${location ? ` → ${url(location)}` : ''}`;
  const lines = [`  ${what}  ⇒ ${answer}`];
  if (verbose) {
    lines.push(...headerLines(request.headers, '      > '));
    if (response !== undefined) lines.push(...headerLines(response.headers, '      < '));
  }
  return lines;
}

const MARKS: Record<TraceStep['outcome'], string> = { pass: '✓', fail: '✗', info: '·', skip: '-' };

function traceLines(record: CorsRecord): string[] {
  return record.evaluation.trace.map((step) => {
    const words = describeStep(step);
    return `      ${MARKS[step.outcome]} ${words.title}: ${printable(words.detail)}`;
  });
}

/** Profiles that reached the same decision, shown once. */
export function groupProfiles(
  records: ReadonlyMap<BrowserProfile, CorsRecord>,
): [BrowserProfile[], CorsRecord][] {
  const groups = new Map<string, [BrowserProfile[], CorsRecord]>();
  for (const [profile, record] of records) {
    const e = record.evaluation;
    const key = [e.verdict, e.corsError, e.failedParameter, e.blockedReason].join('|');
    const group = groups.get(key);
    if (group) group[0].push(profile);
    else groups.set(key, [[profile], record]);
  }
  return [...groups.values()];
}

const verdictMark = (record: CorsRecord): string =>
  record.evaluation.verdict === 'blocked'
    ? '✗ blocked'
    : record.evaluation.verdict === 'allowed'
      ? '✓ allowed'
      : '○ opaque';

export function fixSentences(record: CorsRecord): string[] {
  return record.evaluation.fix.map((step) => printable(describeFix(step)));
}

export function probeText(result: Evaluated, args: ProbeArgs): string {
  const credentials = args.credentials ? 'with credentials' : 'no credentials';
  const lines = [
    `${printable(args.method)} ${url(args.url)} from ${printable(args.origin)} (${credentials})`,
  ];
  for (const entry of result.wire) lines.push(...wireLines(entry, args.verbose));
  for (const [profiles, record] of groupProfiles(result.records)) {
    lines.push(
      '',
      `${profiles.join(', ')}: ${verdictMark(record)}: ${printable(reasonLabel(record.evaluation))}`,
    );
    lines.push(`  why: ${printable(summarize(record))}`);
    for (const sentence of fixSentences(record)) lines.push(`  fix: ${sentence}`);
    if (args.verbose) lines.push('  trace:', ...traceLines(record));
    if (args.fix !== null && record.evaluation.verdict === 'blocked') {
      const snippet = fixSnippets(record).find((s) => s.id === args.fix);
      if (snippet !== undefined)
        lines.push(`  ${snippet.label}:`, ...snippet.code.split('\n').map((l) => `    ${printable(l)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One JSON document: what was sent and seen (secrets redacted), and each profile's decision. */
export function probeJson(
  result: Evaluated,
  args: Pick<ProbeArgs, 'url' | 'origin' | 'method' | 'credentials'>,
): { readonly profiles: Record<string, object> } & Record<string, unknown> {
  const profiles: Record<string, object> = Object.create(null);
  for (const [profile, record] of result.records) {
    const e = record.evaluation;
    profiles[profile] = {
      verdict: e.verdict,
      corsError: e.corsError,
      failedParameter: e.failedParameter,
      blockedReason: e.blockedReason,
      reason: reasonLabel(e),
      why: summarize(record),
      fix: fixSentences(record),
    };
  }
  return {
    url: args.url,
    origin: args.origin,
    method: args.method,
    credentials: args.credentials,
    wire: result.wire.map((entry) => ({
      kind: entry.kind,
      method: entry.request.method,
      url: entry.request.url,
      requestHeaders: entry.request.headers,
      ...(entry.response === undefined
        ? {}
        : {
            status: entry.response.status,
            responseHeaders: entry.response.headers,
          }),
    })),
    profiles,
  };
}
