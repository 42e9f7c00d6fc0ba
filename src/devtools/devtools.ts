import { createPanel } from '../platform/devtools';

// Runs once per DevTools window: adds the "CORS" panel.
createPanel('CORS', 'icons/16.png', 'src/panel/panel.html');
