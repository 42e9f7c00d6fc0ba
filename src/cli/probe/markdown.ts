import { buildReport, mdText, renderMarkdown } from '../../report';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { ProbeArgs } from './args';
import type { ProbeResult } from './run';

type Evaluated = Extract<ProbeResult, { kind: 'evaluated' }>;

/**
 * `probe --format markdown`: the panel's Markdown report for the probed exchange (secrets
 * redacted), as evaluated under the first profile asked for; the report's browser column
 * compares it with the others.
 */
export function probeMarkdown(result: Evaluated, args: Pick<ProbeArgs, 'profiles' | 'noRedact'>): string {
  const first = args.profiles[0];
  const record =
    (first === undefined ? undefined : result.records.get(first)) ?? [...result.records.values()][0];
  const report = buildReport(record === undefined ? [] : [record], {
    redact: !args.noRedact,
    settings: DEFAULT_SETTINGS,
    extensionVersion: 'cli',
  });
  return renderMarkdown(report);
}

/** One row of `probe --config --format markdown`: the check, what it expects, each profile's cell. */
export interface ConfigRow {
  readonly mark: string;
  readonly check: string;
  readonly expect: string;
  readonly cells: readonly string[];
}

/** `probe --config --format markdown`: the summary table and the failures, for a CI job summary. */
export function configMarkdown(
  rows: readonly ConfigRow[],
  profiles: readonly string[],
  details: readonly string[],
  summary: string,
): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdText).join(' | ')} |`;
  const out = [
    '# cors-lens probe',
    '',
    line(['', 'check', 'must', ...profiles]),
    `|${['', 'check', 'must', ...profiles].map(() => '---').join('|')}|`,
    ...rows.map((r) => line([r.mark, r.check, r.expect, ...r.cells])),
    '',
    ...(details.length > 0 ? [...details.map((d) => `- ${mdText(d)}`), ''] : []),
    mdText(summary),
  ];
  return `${out.join('\n')}\n`;
}
