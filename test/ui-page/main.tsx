import { render } from 'preact';
import { App } from '../../src/panel/App';
import { createStore } from '../../src/panel/store';
import type { CorsRecord } from '../../src/shared/record';
import { applyTheme } from '../../src/ui/theme';
import '../../src/ui/theme.css';
import '../../src/panel/panel.css';
import { fixtureRecords } from './fixture';

// The CORS panel outside the extension: the same App and store, fed recorded records instead of
// the worker's port. `?theme=dark` picks the theme; `window.corsLensPanel.setRecords` replaces
// the records (tests); `?empty` starts with none.
declare global {
  interface Window {
    corsLensPanel?: { setRecords(records: CorsRecord[]): void };
  }
}

const params = new URL(location.href).searchParams;
applyTheme(params.get('theme') === 'dark' ? 'dark' : 'light');
const store = createStore(null, null);
if (!params.has('empty')) store.setRecords(fixtureRecords(), 0, { kind: 'import', name: 'fixture' });
window.corsLensPanel = { setRecords: (records) => store.setRecords(records, 0) };

const root = document.getElementById('app');
if (root) render(<App store={store} />, root);
