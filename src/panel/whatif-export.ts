import { version } from '../../manifest.json';
import { buildReport, renderMarkdown } from '../report';
import type { CorsRecord } from '../shared/record';
import { DEFAULT_SETTINGS } from '../shared/settings';

/**
 * The what-if exchange as a file: Markdown or JSON (cors-lens/report@1), the record marked
 * `hypothetical`. Redacted with the default lists (the panel does not read the options).
 */
export function whatIfFile(
  record: CorsRecord,
  format: 'markdown' | 'json',
  now = new Date(),
): { name: string; type: string; text: string } {
  const report = buildReport([record], {
    redact: true,
    settings: DEFAULT_SETTINGS,
    extensionVersion: version,
    now,
  });
  const base = `cors-lens-what-if-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (format === 'json') {
    return { name: `${base}.json`, type: 'application/json', text: JSON.stringify(report, null, 2) };
  }
  return { name: `${base}.md`, type: 'text/markdown', text: renderMarkdown(report) };
}
