import { profileDecisions } from '../evaluator/by-profile';
import type { Header, ObservedResponse } from '../evaluator/types';
import { curlCommands } from '../explain/curl';
import { describeFix } from '../explain/fix';
import { mdnUrl } from '../explain/mdn';
import { describeProfiles, profileName } from '../explain/profiles';
import { reasonLabel, summarize } from '../explain/summarize';
import { describeWarning } from '../explain/warnings';
import type { CorsRecord } from '../shared/record';
import type { ReportJson } from '../shared/report-schema';
import { fromReportRecord } from './json';
import { mdCode, mdFence, mdLink, mdText } from './markdown-text';

// A report for a bug ticket: readable in GitHub or Jira, every wire value escaped or fenced.

/** The whole report as Markdown. */
export function renderMarkdown(report: ReportJson): string {
  const records = report.records.map(fromReportRecord);
  const hypothetical = records.filter((r) => r.hypothetical === true);
  const observed = records.filter((r) => r.hypothetical !== true);
  const failing = observed.filter((r) => r.evaluation.verdict === 'blocked');
  const warned = observed.filter(
    (r) => r.evaluation.verdict !== 'blocked' && r.evaluation.warnings.length > 0,
  );
  const out: string[] = ['# CORS Lens report', '', '## Environment', ''];
  out.push(`- Browser: ${mdText(report.browser ?? 'unknown')}`);
  out.push(`- Extension: ${mdText(`${report.extension.name} ${report.extension.version}`)}`);
  out.push(`- Generated at: ${mdText(report.generatedAt)}`);
  out.push(`- Secrets redacted: ${report.redacted ? 'yes' : 'no'}`);
  out.push(`- Requests: ${records.length} (${failing.length} failing)`);
  if (hypothetical.length > 0) {
    out.push(
      `- Hypothetical: ${hypothetical.length} edited in the what-if editor (headers the server did not send)`,
    );
  }
  out.push('', '## Pages', '');
  const pages = [...new Set(records.map((r) => r.documentUrl ?? r.exchange.initiatorOrigin))];
  out.push(...(pages.length === 0 ? ['- none'] : pages.map((page) => `- ${mdText(page)}`)), '');
  out.push(
    '## Summary',
    '',
    '| # | Verdict | Method | URL | Reason | Browsers |',
    '|---|---|---|---|---|---|',
  );
  records.forEach((r, i) => {
    const cells = [
      String(i + 1),
      r.hypothetical === true ? `${r.evaluation.verdict} (hypothetical)` : r.evaluation.verdict,
      r.exchange.method,
      r.exchange.url,
      reasonLabel(r.evaluation),
      describeProfiles(r.evaluation) ?? 'same in every profile',
    ];
    out.push(`| ${cells.map(mdText).join(' | ')} |`);
  });
  out.push('');
  if (failing.length > 0) {
    out.push('## Failing requests', '');
    failing.forEach((r, i) => {
      out.push(...failingSection(r, i + 1, report.redacted));
    });
  }
  if (hypothetical.length > 0) {
    out.push('## Hypothetical exchanges (edited, not observed)', '');
    hypothetical.forEach((r, i) => {
      out.push(...failingSection(r, i + 1, report.redacted));
    });
  }
  if (warned.length > 0) {
    out.push('## Warnings on requests that worked', '');
    for (const r of warned) {
      out.push(`### ${mdText(`${r.exchange.method} ${r.exchange.url}`)}`, '', ...warningLines(r), '');
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function failingSection(r: CorsRecord, n: number, redacted: boolean): string[] {
  const e = r.evaluation;
  const out = [`### ${n}. ${mdText(`${r.exchange.method} ${r.exchange.url}`)}`, '', mdText(summarize(r)), ''];
  const code = e.corsError ?? e.blockedReason ?? 'none (not a CORS error)';
  const param = e.failedParameter === null ? '' : ` with ${mdCode(e.failedParameter)}`;
  const mdn = mdnUrl(e.corsError, e.firefoxReason);
  out.push(`- Reason: ${mdCode(code)}${param}${mdn === null ? '' : ` (${mdLink('MDN', mdn)})`}`);
  if (e.firefoxReason !== null) out.push(`- Firefox reason: ${mdCode(e.firefoxReason)}`);
  if (r.worker)
    out.push(`- Made by: ${mdText(r.worker.context)}, recorded in ${r.worker.tabs} tab(s) of its origin`);
  out.push(`- In each browser: ${profileLine(r)}`);
  out.push(`- What JavaScript saw: ${mdText(pageSaw(r))}`);
  out.push(`- What the server returned: ${mdText(serverReturned(r))}`);
  if (e.exposedHeaders.hidden.length > 0) {
    out.push(`- Headers JavaScript cannot read: ${e.exposedHeaders.hidden.map(mdCode).join(', ')}`);
  }
  out.push('', '#### Evidence', '');
  r.exchange.preflights.forEach((p, i) => {
    out.push(
      `Preflight ${i + 1}:`,
      '',
      mdFence(message('OPTIONS', p.url, p.requestHeaders, p.response, p.networkError), 'http'),
      '',
    );
  });
  r.exchange.redirects.forEach((hop, i) => {
    out.push(
      `Redirect ${i + 1}:`,
      '',
      mdFence(message(r.exchange.method, hop.url, hop.requestHeaders ?? [], hop.response), 'http'),
      '',
    );
  });
  out.push(
    'Request and response:',
    '',
    mdFence(
      message(
        r.exchange.method,
        r.exchange.url,
        r.exchange.requestHeaders,
        r.exchange.response,
        r.exchange.networkError,
      ),
      'http',
    ),
    '',
  );
  if (e.fix.length > 0)
    out.push('#### Fix', '', ...e.fix.map((step) => `- ${mdText(describeFix(step))}`), '');
  const curl = curlCommands(r, { redact: redacted });
  out.push(
    '#### Reproduce',
    '',
    mdFence([curl.preflight, curl.actual].filter((c) => c !== undefined).join('\n\n'), 'sh'),
    '',
  );
  if (e.warnings.length > 0) out.push('#### Warnings', '', ...warningLines(r), '');
  return out;
}

function profileLine(r: CorsRecord): string {
  return profileDecisions(r.evaluation)
    .map((d) => {
      const reason = d.verdict === 'allowed' ? '' : ` (${reasonLabel(d)})`;
      return `${mdText(profileName(d.profile))}: ${d.verdict}${mdText(reason)}`;
    })
    .join('; ');
}

function warningLines(r: CorsRecord): string[] {
  return r.evaluation.warnings.map((w) => {
    const words = describeWarning(w);
    return `- **${mdText(words.title)}** (${words.severity}): ${mdText(words.detail)}`;
  });
}

function message(
  method: string,
  url: string,
  requestHeaders: readonly Header[],
  response: ObservedResponse | undefined,
  networkError?: string,
): string {
  const lines = [`${method} ${url}`, ...requestHeaders.map(headerLine), ''];
  if (response !== undefined) lines.push(`HTTP ${response.status}`, ...response.headers.map(headerLine));
  else lines.push(`(no response${networkError === undefined ? '' : `: ${networkError}`})`);
  return lines.join('\n');
}

function headerLine(h: Header): string {
  return `${h.name}: ${h.value.replace(/[\r\n]+/g, ' ')}`;
}

function pageSaw(r: CorsRecord): string {
  const outcome = r.exchange.pageOutcome ?? r.call?.outcome;
  if (outcome?.kind === 'rejected') return `the call was rejected: ${outcome.message}`;
  if (outcome?.kind === 'response') return `a response of type ${outcome.type} with status ${outcome.status}`;
  if (r.evaluation.verdict === 'allowed')
    return `a readable response with status ${r.exchange.response?.status ?? '?'}`;
  if (r.evaluation.verdict === 'opaque') return 'an opaque response: status 0, no headers';
  return 'a network error: no status, no headers, no body';
}

function serverReturned(r: CorsRecord): string {
  if (r.evaluation.failedOn === 'preflight' && r.exchange.response === undefined) {
    const status = r.exchange.preflights[r.evaluation.failedHop ?? 0]?.response?.status;
    const answer =
      status === undefined ? 'no preflight answer was observed' : `the preflight got status ${status}`;
    return `${answer}; the actual request was never sent`;
  }
  const status = r.evaluation.hiddenStatus ?? r.exchange.response?.status;
  if (status === undefined || status === null) {
    return r.exchange.networkError === undefined
      ? 'no response was observed'
      : `no response (${r.exchange.networkError})`;
  }
  return `status ${status}${r.evaluation.hiddenStatus === null ? '' : ', hidden from JavaScript by the block'}`;
}
