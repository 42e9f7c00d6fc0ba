import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { activeTabId, connectTab, recordSiteAndReload, request } from '../platform/client';
import { themeName } from '../platform/devtools';
import type { TabScope } from '../shared/protocol';
import type { TabSummary } from '../shared/record';
import { copyText } from '../ui/CopyButton';
import { NotRecorded } from '../ui/NotRecorded';
import { applyTheme } from '../ui/theme';
import '../ui/theme.css';
import './popup.css';
import { type ExportFormat, reportFile, saveFile } from './export';
import { Popup } from './Popup';

applyTheme(themeName());

function tabFromQuery(): number | null {
  const raw = new URLSearchParams(location.search).get('tabId');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function PopupRoot(): preact.JSX.Element {
  const [tabId, setTabId] = useState<number | null>(tabFromQuery());
  const [summary, setSummary] = useState<TabSummary | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [scope, setScope] = useState<TabScope | null>(null);

  useEffect(() => {
    if (tabId === null) {
      activeTabId()
        .then((id) => (id === null ? setStatus('No active tab.') : setTabId(id)))
        .catch((e: unknown) => setStatus(message(e)));
      return;
    }
    request('cors-lens:scope', { tabId })
      .then(setScope)
      .catch((e: unknown) => setStatus(message(e)));
    // The worker keeps the summary stored: this answers at once, then the port keeps it live.
    request('cors-lens:summary', { tabId })
      .then(setSummary)
      .catch((e: unknown) => setStatus(message(e)));
    const connection = connectTab(
      tabId,
      (m) => {
        if (m.type === 'summary' && m.summary.tabId === tabId) setSummary(m.summary);
      },
      { summaryOnly: true },
    );
    return () => connection.close();
  }, [tabId]);

  const run = (action: () => Promise<string>): void => {
    action()
      .then(setStatus)
      .catch((e: unknown) => setStatus(message(e)));
  };
  const id = tabId ?? -1;
  const actions = {
    exportReport: (format: ExportFormat) =>
      run(async () => {
        const file = reportFile(await request('cors-lens:report', { format, tabId: id }), id);
        saveFile(file);
        return `Saved ${file.name}`;
      }),
    copyMarkdown: () =>
      run(async () => {
        const answer = await request('cors-lens:report', { format: 'markdown', tabId: id });
        const text = 'text' in answer ? answer.text : '';
        return (await copyText(text)) ? 'Markdown copied' : 'Copy refused by the browser';
      }),
    clear: () =>
      run(async () => {
        const { cleared } = await request('cors-lens:clear', { tabId: id });
        setSummary(await request('cors-lens:summary', { tabId: id }));
        return `Cleared ${cleared} requests`;
      }),
  };
  const record = (): void => {
    if (tabId === null || scope?.host === undefined) return;
    recordSiteAndReload(tabId, scope.host)
      .then(() => request('cors-lens:scope', { tabId }))
      .then(setScope)
      .catch((e: unknown) => setStatus(message(e)));
  };
  // The scope note is its own component above the popup (the popup renders the tab's counts).
  return (
    <>
      {scope && !scope.recorded && <NotRecorded scope={scope} onRecord={record} />}
      <Popup summary={summary} actions={actions} status={status} />
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<PopupRoot />, root);
