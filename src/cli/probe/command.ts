import type { BrowserProfile } from '../../evaluator/types';
import { reasonLabel, summarize } from '../../explain/summarize';
import { redactSecretsIn, redactUrl } from '../../redact';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { CommandResult } from '../explain';
import { jsonOut, printable } from '../terminal';
import { fitCell, TEXT_WIDTH } from '../wrap';
import type { ProbeArgs, ProbeConfigArgs } from './args';
import { emptyBodyWarning, withBody } from './body';
import { type Check, parseConfig } from './config';
import type { Send } from './http';
import { type JunitCase, junitXml } from './junit';
import { type ConfigRow, configMarkdown, probeMarkdown } from './markdown';
import { fixSentences, probeJson, probeText } from './output';
import type { ProbeRequest } from './plan';
import { policyText } from './policy';
import { type Redaction, redactRequest, redactResult } from './redact';
import { type ProbeOptions, type ProbeResult, probe } from './run';

/** Everything the probe touches outside itself, so tests can hand in their own. */
export interface ProbeIo {
  readonly send: Send;
  readonly readText: (file: string) => string;
  readonly writeText: (file: string, text: string) => void;
  /** A progress line for long config runs (the bin rewrites one terminal line). */
  readonly progress: (done: number, total: number, what: string) => void;
  readonly now: () => number;
}

const fail = (code: 2, message: string): CommandResult => ({
  code,
  stdout: '',
  stderr: `cors-lens: ${message}\n`,
});

/** The lists everything printed is redacted with, or null for --no-redact. */
const redactionOf = (args: { readonly noRedact: boolean }): Redaction =>
  args.noRedact ? null : DEFAULT_SETTINGS;

/** The probe, never throwing: a fault of ours is an error line like a network one. */
async function probeSafely(request: ProbeRequest, opts: ProbeOptions): Promise<ProbeResult> {
  try {
    return await probe(request, opts);
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    return { kind: 'network', reason: `internal error: ${message}`, wire: [] };
  }
}

function deadlineOf(maxTimeMs: number, io: ProbeIo): NonNullable<ProbeOptions['deadline']> {
  return { at: io.now() + maxTimeMs, now: io.now, maxTimeMs };
}

export async function probeOne(args: ProbeArgs, io: ProbeIo): Promise<CommandResult> {
  let data = args.data;
  if (args.dataFile !== null) {
    try {
      data = io.readText(args.dataFile);
    } catch (caught) {
      return fail(
        2,
        `cannot read ${args.dataFile}: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    }
  }
  const sent = withBody(args.method, args.headers, data);
  if ('error' in sent) return fail(2, sent.error);
  const warning = emptyBodyWarning(args.method, sent.headers, sent.body);
  const stderr = warning === null ? '' : `cors-lens: ${warning}\n`;
  const request = { ...args, ...sent };
  const deadline = deadlineOf(args.maxTimeMs, io);
  const opts = { profiles: args.profiles, timeoutMs: args.timeoutMs, send: io.send, deadline };
  const redaction = redactionOf(args);
  const result = redactResult(await probeSafely(request, opts), redaction);
  if (result.kind === 'network')
    return { code: 2, stdout: '', stderr: `${stderr}cors-lens: probe: ${printable(result.reason)}\n` };
  const shown = redactRequest(args, redaction);
  const blocked = [...result.records.values()].some((r) => r.evaluation.verdict === 'blocked');
  const stdout =
    args.format === 'json'
      ? jsonOut(probeJson(result, shown))
      : args.format === 'markdown'
        ? printableLines(probeMarkdown(result, shown))
        : probeText(result, shown);
  return { code: blocked ? 1 : 0, stdout, stderr };
}

interface CheckResult {
  readonly check: Check;
  readonly result: ProbeResult;
  readonly seconds: number;
  /** Profiles whose verdict differs from the expectation. */
  readonly wrong: readonly BrowserProfile[];
}

/** A check as printed: its URL and headers already through the one redaction. */
const label = (c: Check): string =>
  `${c.method} ${c.url} from ${c.origin}${c.credentials ? ' with credentials' : ''}`;

function why(r: CheckResult): string {
  if (r.result.kind === 'network') return r.result.reason;
  const record = r.result.records.get(r.wrong[0] ?? 'chrome') ?? [...r.result.records.values()][0];
  if (record === undefined) return '';
  if (r.check.expect === 'blocked') return `must be refused, but ${summarize(record)}`;
  const fix = fixSentences(record);
  return fix.length === 0 ? summarize(record) : `${summarize(record)}. Fix: ${fix.join(' ')}`;
}

/** Markdown keeps its line breaks; every other control character is escaped like the text output. */
const printableLines = (text: string): string => text.split('\n').map(printable).join('\n');

/** The endpoint as the config file wrote it (often a path), with the method: one table heading. */
const endpointLabel = (c: Check): string => `${c.method} ${c.endpoint.startsWith('/') ? c.endpoint : c.url}`;

/** One cell for every profile: the common result, and the profiles that differ in parentheses. */
function resultCell(r: CheckResult, profiles: readonly BrowserProfile[]): string {
  if (r.result.kind === 'network') return 'error';
  const groups = new Map<string, BrowserProfile[]>();
  for (const p of profiles) {
    const e = r.result.records.get(p)?.evaluation;
    const cell = e === undefined ? '?' : e.verdict === 'allowed' ? 'allowed' : reasonLabel(e);
    groups.set(cell, [...(groups.get(cell) ?? []), p]);
  }
  const [main, ...others] = [...groups].sort((a, b) => b[1].length - a[1].length);
  if (main === undefined) return '?';
  const rest = others.map(([cell, names]) => `${names.join(', ')}: ${cell}`).join('; ');
  return rest === '' ? main[0] : `${main[0]} (${rest})`;
}

function tableRows(results: readonly CheckResult[], profiles: readonly BrowserProfile[]): ConfigRow[] {
  return results.map((r) => ({
    mark: r.result.kind === 'network' ? 'ERROR' : r.wrong.length > 0 ? 'FAIL' : 'ok',
    check: `${endpointLabel(r.check)} from ${r.check.origin}${r.check.credentials ? ' with credentials' : ''}`,
    expect: r.check.expect === 'allowed' ? 'allow' : 'refuse',
    cells: [resultCell(r, profiles)],
  }));
}

/**
 * The summary table in TEXT_WIDTH columns: one heading per endpoint, then a row per origin
 * checked (what it must get, what each profile decided). A cell too long for the width is cut
 * with "…"; the failures below the table are printed whole.
 */
function table(results: readonly CheckResult[], profiles: readonly BrowserProfile[]): string {
  const rows = results.map((r) => [
    r.result.kind === 'network' ? 'ERROR' : r.wrong.length > 0 ? 'FAIL' : 'ok',
    r.check.expect === 'allowed' ? 'allow' : 'refuse',
    `${r.check.origin}${r.check.credentials ? ' +cred' : ''}`,
    resultCell(r, profiles),
  ]);
  const header = ['', 'must', 'origin', profiles.join(', ')];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const used = 2 + widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[3] = Math.max(20, Math.min(widths[3] ?? 0, TEXT_WIDTH - used));
  const line = (row: readonly string[]) =>
    `  ${row.map((cell, i) => fitCell(cell, widths[i] ?? 0).padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  const out = [line(header)];
  let heading = '';
  results.forEach((r, n) => {
    const next = endpointLabel(r.check);
    if (next !== heading) out.push(fitCell(next, TEXT_WIDTH));
    heading = next;
    out.push(line(rows[n] ?? []));
  });
  return out.map(printable).join('\n');
}

/** The JUnit file, or the line saying it could not be written (then the run exits 2). */
function writeJunit(file: string, cases: readonly JunitCase[], io: ProbeIo): string | null {
  try {
    io.writeText(file, junitXml('cors-lens probe', cases));
    return null;
  } catch (caught) {
    return `cannot write ${file}: ${caught instanceof Error ? caught.message : String(caught)}`;
  }
}

/**
 * A config that cannot be read or understood still leaves a report: one errored test case, so
 * a CI gate that reads the JUnit file sees the failure rather than an old file or none.
 */
function configError(args: ProbeConfigArgs, message: string, io: ProbeIo): CommandResult {
  const shown = printable(redactSecretsIn(message));
  const unwritten =
    args.junit === null
      ? null
      : writeJunit(
          args.junit,
          [{ classname: args.config, name: 'read the config', seconds: 0, error: shown }],
          io,
        );
  return fail(2, unwritten === null ? shown : `${shown}; ${unwritten}`);
}

export async function probeConfig(args: ProbeConfigArgs, io: ProbeIo): Promise<CommandResult> {
  let text: string;
  try {
    text = io.readText(args.config);
  } catch (caught) {
    return configError(
      args,
      `cannot read ${args.config}: ${caught instanceof Error ? caught.message : String(caught)}`,
      io,
    );
  }
  const checks = parseConfig(text, args.base);
  if (!Array.isArray(checks)) return configError(args, `${args.config}: ${checks.error}`, io);
  const redaction = redactionOf(args);
  const deadline = deadlineOf(args.maxTimeMs, io);
  const warnings = new Set(
    checks.flatMap((c) => {
      const warning = emptyBodyWarning(c.method, c.headers, c.body);
      const where = redaction === null ? c.endpoint : redactUrl(c.endpoint, redaction);
      return warning === null ? [] : [`cors-lens: ${printable(where)}: ${warning}\n`];
    }),
  );
  const results: CheckResult[] = [];
  for (const [n, asked] of checks.entries()) {
    const shown = redactRequest(asked, redaction);
    const check = { ...shown, endpoint: redaction ? redactUrl(asked.endpoint, redaction) : asked.endpoint };
    io.progress(n, checks.length, label(check));
    const started = io.now();
    const opts = { profiles: args.profiles, timeoutMs: args.timeoutMs, send: io.send, deadline };
    const result = redactResult(await probeSafely(asked, opts), redaction);
    const wrong =
      result.kind === 'network'
        ? []
        : args.profiles.filter((p) => {
            const verdict = result.records.get(p)?.evaluation.verdict;
            return check.expect === 'allowed' ? verdict !== 'allowed' : verdict === 'allowed';
          });
    results.push({ check, result, seconds: (io.now() - started) / 1000, wrong });
  }
  io.progress(checks.length, checks.length, 'done');
  const failed = results.filter((r) => r.wrong.length > 0);
  const errors = results.filter((r) => r.result.kind === 'network');
  let code: CommandResult['code'] = errors.length > 0 ? 2 : failed.length > 0 ? 1 : 0;
  let stderr = [...warnings].join('');
  if (args.junit !== null) {
    const cases: JunitCase[] = results.map((r) => ({
      classname: r.check.endpoint,
      name: `${label(r.check)} must be ${r.check.expect === 'allowed' ? 'allowed' : 'refused'}`,
      seconds: r.seconds,
      ...(r.result.kind === 'network'
        ? { error: why(r) }
        : r.wrong.length > 0
          ? { failure: `${r.wrong.join(', ')}: ${why(r)}` }
          : {}),
    }));
    const unwritten = writeJunit(args.junit, cases, io);
    if (unwritten !== null) {
      code = 2;
      stderr += `cors-lens: ${printable(unwritten)}\n`;
    }
  }
  const details = [...failed, ...errors].map((r) => `✗ ${label(r.check)}: ${why(r)}`);
  const summary = `${results.length} checks: ${results.length - failed.length - errors.length} held, ${failed.length} failed, ${errors.length} errors (profiles ${args.profiles.join(', ')})`;
  if (args.format === 'markdown') {
    const rows = tableRows(results, args.profiles);
    return {
      code,
      stdout: printableLines(configMarkdown(rows, [args.profiles.join(', ')], details, summary)),
      stderr,
    };
  }
  if (args.format === 'json') {
    const document = {
      checks: results.map((r) => ({
        ...r.check,
        held: r.wrong.length === 0 && r.result.kind !== 'network',
        ...(r.result.kind === 'network'
          ? { error: r.result.reason }
          : { probe: probeJson(r.result, r.check).profiles }),
      })),
      summary: { total: results.length, failed: failed.length, errors: errors.length },
    };
    return { code, stdout: jsonOut(document), stderr };
  }
  const stdout = [
    table(results, args.profiles),
    '',
    ...(details.length > 0 ? [...details.map(printable), ''] : []),
    summary,
    ...(args.fix === null ? [] : ['', policyText(results, args.fix, args.profiles[0] ?? 'chrome')]),
  ].join('\n');
  return { code, stdout: `${stdout}\n`, stderr };
}
