import { render } from 'preact';
import { request } from '../platform/client';
import { themeName } from '../platform/devtools';
import { applyTheme } from '../ui/theme';
import '../ui/theme.css';
import { Options } from './Options';

applyTheme(themeName());
const root = document.getElementById('app');
const save = (set: Parameters<typeof request<'cors-lens:settings'>>[1]['set']) =>
  request('cors-lens:settings', { set });

if (root) {
  request('cors-lens:settings', {})
    .then((settings) => render(<Options settings={settings} save={(patch) => save(patch)} />, root))
    .catch((error: unknown) => {
      root.textContent = `Could not load the settings: ${error instanceof Error ? error.message : String(error)}`;
    });
}
