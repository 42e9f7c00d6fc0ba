import type { RequestMap } from '../shared/protocol';

export type ExportFormat = 'markdown' | 'json' | 'har';
type ReportAnswer = RequestMap['cors-lens:report']['response'];

/** The file a report answer becomes: name, MIME type and text. */
export function reportFile(
  answer: ReportAnswer,
  tabId: number,
  now = new Date(),
): { name: string; type: string; text: string } {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const base = `cors-lens-tab${tabId}-${stamp}`;
  if ('schema' in answer)
    return { name: `${base}.json`, type: 'application/json', text: JSON.stringify(answer, null, 2) };
  if (answer.format === 'markdown') return { name: `${base}.md`, type: 'text/markdown', text: answer.text };
  return { name: `${base}.har`, type: 'application/json', text: JSON.stringify(answer.har, null, 2) };
}

export { saveFile } from '../ui/save-file';
