import { render } from 'preact';
import { clearTab, connectTab, recordSiteAndReload, request } from '../platform/client';
import { inspectedTabId, themeName } from '../platform/devtools';
import type { TabScope } from '../shared/protocol';
import { NotRecorded } from '../ui/NotRecorded';
import { applyTheme } from '../ui/theme';
import '../ui/theme.css';
import './panel.css';
import { App } from './App';
import { createStore } from './store';

// Entry of the DevTools panel (also opened as a plain tab with ?tabId=N for tests).
applyTheme(themeName());
const tabId = inspectedTabId();
const store = createStore(globalThis.localStorage ?? null, tabId);

if (tabId === null) {
  store.setNotice('No inspected tab: import a report JSON or a HAR file.');
} else {
  connectTab(
    tabId,
    (message) => {
      if (store.getState().source.kind !== 'live') return;
      if (message.type === 'snapshot') {
        // A large tab's snapshot comes in parts: the first replaces, the others continue it.
        const before = message.append === true ? store.getState().records : [];
        store.setRecords([...before, ...message.records], message.evicted);
        showScopeOnce();
      } else if (message.type === 'record') store.upsertRecord(message.record);
      else if (message.type === 'cleared') store.clear();
      else if (message.type === 'summary') {
        store.setEvicted(message.summary.evicted);
        store.setUnsaved(message.summary.unsaved ?? 0);
      }
    },
    { panel: true }, // its tab is recorded while the panel is open
  );
}

const onClear = tabId === null ? undefined : () => void clearTab(tabId).then(() => store.clear());
const root = document.getElementById('app');
const preserveLog = {
  load: async () => (await request('cors-lens:settings', {})).preserveLog,
  save: async (preserve: boolean) =>
    (await request('cors-lens:settings', { set: { preserveLog: preserve } })).preserveLog,
};
if (root) render(<App store={store} {...(onClear ? { onClear, preserveLog } : {})} />, root);

/**
 * The scope note above the panel: a tab recorded only because this panel is open says so, and
 * offers "Record and reload" (the site stays recorded, the page is seen from its first request).
 */
function showScope(id: number, container: HTMLElement): void {
  const draw = (scope: TabScope) => {
    const onRecord = () =>
      void recordSiteAndReload(id, scope.host ?? '')
        .then(() => request('cors-lens:scope', { tabId: id }))
        .then(draw);
    render(<NotRecorded scope={scope} onRecord={onRecord} />, container);
  };
  request('cors-lens:scope', { tabId: id })
    .then(draw)
    .catch(() => undefined); // the status bar reports a lost connection already
}

/** Asked once the first snapshot came: the worker has then seen this panel's subscription. */
let scopeShown = false;
function showScopeOnce(): void {
  if (scopeShown || tabId === null || !root) return;
  scopeShown = true;
  const note = document.createElement('div');
  root.before(note);
  showScope(tabId, note);
}
