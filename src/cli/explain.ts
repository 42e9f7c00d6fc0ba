import { tupleOriginOf } from '../evaluator/origin-of';
import type { ObservedExchange } from '../evaluator/types';
import { importNotes, probeCommand } from '../explain/imported';
import { harToExchanges, type ImportedExchange } from '../har/import';
import { recordsFromExchanges } from '../har/records';
import { redactRecord } from '../redact';
import { buildReport, renderMarkdown } from '../report';
import type { CorsRecord } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { ExplainArgs } from './args';
import { countVerdicts, groupBlocked, otherLine, printable, profileLine, summaryLine } from './format';
import { matches } from './pattern';
import { jsonOut } from './terminal';

/** What the command prints and its exit status; the caller does the I/O. */
export interface CommandResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** --origin and --credentials: what a HAR does not record, replayed as the user says. */
function override(exchange: ObservedExchange, args: ExplainArgs): ObservedExchange {
  let out = exchange;
  if (args.origin !== null) {
    const requestHeaders = exchange.requestHeaders.map((h) =>
      h.name.toLowerCase() === 'origin' ? { name: h.name, value: args.origin as string } : h,
    );
    out = { ...out, initiatorOrigin: args.origin, requestHeaders };
  }
  if (args.credentials !== null) out = { ...out, credentials: args.credentials };
  return out;
}

function selected(item: ImportedExchange, args: ExplainArgs): boolean {
  const { exchange } = item;
  if (exchange.initiatorOrigin === tupleOriginOf(exchange.url)) return false; // same origin: no CORS
  let host = '';
  try {
    host = new URL(exchange.url).host;
  } catch {
    // an unparsable URL has no host; --host never matches it
  }
  if (args.host !== null && !matches(args.host, host)) return false;
  return args.url === null || matches(args.url, exchange.url);
}

/** Blocked under the verdict's profile, or under any other profile asked for. */
function blockedAnywhere(record: CorsRecord, args: ExplainArgs): boolean {
  return args.profiles.some((p) => record.evaluation.byProfile[p]?.verdict === 'blocked');
}

/**
 * `cors-lens explain`: replays every cross-origin exchange of a HAR through the evaluator.
 * Exit 1 when any was blocked (a network failure of a cross-origin request counts: the page
 * saw it fail), 2 when the file is not a HAR at all. Broken entries are skipped and listed on
 * stderr; the rest is still judged. The HAR is parsed once.
 */
export function explainHarText(text: string, args: ExplainArgs, warning = ''): CommandResult {
  const all = harToExchanges(text);
  if (all.exchanges.length === 0 && all.errors.length > 0) {
    return {
      code: 2,
      stdout: '',
      stderr: warning + all.errors.map((e) => `cors-lens: ${args.file}: ${printable(e)}\n`).join(''),
    };
  }
  const crossOrigin = all.exchanges
    .map((item) => ({ ...item, exchange: override(item.exchange, args) }))
    .filter((item) => selected(item, args));
  const profile = args.profiles[0] ?? 'chrome';
  // The one redaction, before anything is printed: every format shows these records only.
  const records = recordsFromExchanges(crossOrigin, profile, all.producer).map((r) =>
    args.noRedact ? r : redactRecord(r, DEFAULT_SETTINGS),
  );
  // What the producer's files cannot hold, said once (not on every request).
  const notes = importNotes(all.producer, records);
  const viaWorker = new Set(crossOrigin.flatMap((item, n) => (item.viaServiceWorker ? [records[n]] : [])));
  const counts = countVerdicts(all.exchanges.length, records);
  const stderr =
    warning + all.errors.map((e) => `cors-lens: ${args.file}: skipped: ${printable(e)}\n`).join('');
  const code = records.some((r) => blockedAnywhere(r, args)) ? 1 : 0;
  if (args.format === 'markdown') {
    const report = buildReport(records, {
      redact: !args.noRedact,
      settings: DEFAULT_SETTINGS,
      extensionVersion: 'cli',
    });
    return { code, stdout: renderMarkdown(report), stderr };
  }
  if (args.json) {
    const shown = args.all ? records : records.filter((r) => blockedAnywhere(r, args));
    const document = {
      file: args.file,
      profile,
      producer: { id: all.producer.id, creator: all.producer.creator, notes },
      counts,
      errors: all.errors,
      requests: shown.map((r) => ({
        method: r.exchange.method,
        url: r.exchange.url,
        initiatorOrigin: r.exchange.initiatorOrigin,
        type: r.type,
        viaServiceWorker: viaWorker.has(r),
        startedAt: new Date(r.startedAt).toISOString(),
        verdict: r.evaluation.verdict,
        corsError: r.evaluation.corsError,
        failedParameter: r.evaluation.failedParameter,
        firefoxReason: r.evaluation.firefoxReason,
        blockedReason: r.evaluation.blockedReason,
        ...(args.profiles.length > 1
          ? { profiles: Object.fromEntries(args.profiles.map((p) => [p, r.evaluation.byProfile[p]])) }
          : {}),
        warnings: r.evaluation.warnings,
        fix: r.evaluation.fix,
        ...(r.imported?.reasonUnknown ? { reasonUnknown: true, probe: probeCommand(r) } : {}),
        ...(r.imported?.otherCredentials ? { otherCredentials: r.imported.otherCredentials } : {}),
      })),
    };
    return { code, stdout: jsonOut(document), stderr };
  }
  const blocks: string[] = [];
  const blocked = records.filter((r) => blockedAnywhere(r, args));
  blocks.push(
    ...groupBlocked(blocked, {
      each: args.all,
      viaWorker,
      fix: args.fix,
      profiles: args.profiles,
      related: records,
    }),
  );
  if (args.all) {
    for (const record of records) {
      if (blockedAnywhere(record, args)) continue;
      blocks.push(
        otherLine(record) + (args.profiles.length > 1 ? `\n  ${profileLine(record, args.profiles)}` : ''),
      );
    }
  }
  if (notes.length > 0) blocks.push(notes.map((note) => `note: ${printable(note)}`).join('\n'));
  blocks.push(summaryLine(counts, args.profiles.join(', ')));
  return { code, stdout: `${blocks.join('\n\n')}\n`, stderr };
}
