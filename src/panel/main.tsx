import { render } from 'preact';
import { clearTab, connectTab, request } from '../platform/client';
import { inspectedTabId, themeName } from '../platform/devtools';
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
      if (message.type === 'snapshot') store.setRecords(message.records, message.evicted);
      else if (message.type === 'record') store.upsertRecord(message.record);
      else if (message.type === 'cleared') store.clear();
      else if (message.type === 'summary') store.setEvicted(message.summary.evicted);
    },
    undefined,
    true, // the panel: its tab is recorded while it is open
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
