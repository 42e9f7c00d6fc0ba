import { createPanel } from '../platform/devtools';

// Runs once per DevTools window: adds the "CORS" panel.
createPanel('CORS', 'src/panel/panel.html');
