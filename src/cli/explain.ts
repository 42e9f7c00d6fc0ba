import { harToExchanges } from '../har/import';
import { recordsFromExchanges } from '../har/records';
import type { ExplainArgs } from './args';
import { blockedBlock, countVerdicts, otherLine, printable, summaryLine } from './format';

/** What the command prints and its exit status; the caller does the I/O. */
export interface CommandResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `cors-lens explain`: replays every cross-origin exchange of a HAR through the evaluator.
 * Exit 1 when any was blocked (a network failure of a cross-origin request counts: the page
 * saw it fail), 2 when the file is not a HAR at all. Broken entries are skipped and listed on
 * stderr; the rest is still judged.
 */
export function explainHarText(text: string, args: ExplainArgs): CommandResult {
  const all = harToExchanges(text);
  if (all.exchanges.length === 0 && all.errors.length > 0) {
    return {
      code: 2,
      stdout: '',
      stderr: all.errors.map((e) => `cors-lens: ${args.file}: ${printable(e)}\n`).join(''),
    };
  }
  const crossOrigin = harToExchanges(text, { crossOriginOnly: true }).exchanges;
  const records = recordsFromExchanges(crossOrigin, args.profile);
  const viaWorker = new Set(crossOrigin.flatMap((item, n) => (item.viaServiceWorker ? [records[n]] : [])));
  const counts = countVerdicts(all.exchanges.length, records);
  const stderr = all.errors.map((e) => `cors-lens: ${args.file}: skipped: ${printable(e)}\n`).join('');
  const code = counts.blocked > 0 ? 1 : 0;
  if (args.json) {
    const shown = args.all ? records : records.filter((r) => r.evaluation.verdict === 'blocked');
    const document = {
      file: args.file,
      profile: args.profile,
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
        warnings: r.evaluation.warnings,
        fix: r.evaluation.fix,
      })),
    };
    return { code, stdout: `${JSON.stringify(document, null, 2)}\n`, stderr };
  }
  const blocks: string[] = [];
  for (const record of records) {
    if (record.evaluation.verdict === 'blocked') blocks.push(blockedBlock(record, viaWorker.has(record)));
    else if (args.all) blocks.push(otherLine(record));
  }
  blocks.push(summaryLine(counts, args.profile));
  return { code, stdout: `${blocks.join('\n\n')}\n`, stderr };
}
