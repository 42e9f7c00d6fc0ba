/**
 * Keystroke → committed DOM while filtering 10,000 rows: the real store, filter and Preact table
 * in happy-dom. Types a query character by character (then deletes it) and measures each input
 * event until Preact has committed the new rows. Prints median and p95; asserts nothing.
 */
import { Window } from 'happy-dom';

const window = new Window({ width: 1200, height: 800 });
const g = globalThis as Record<string, unknown>;
for (const name of [
  'window',
  'document',
  'navigator',
  'Event',
  'KeyboardEvent',
  'HTMLElement',
  'Node',
  'localStorage',
]) {
  g[name] ??= (window as unknown as Record<string, unknown>)[name];
}
g.window = window;
g.document = window.document;

const { h, render } = await import('preact');
const { act } = await import('preact/test-utils');
const { App } = await import('../src/panel/App');
const { createStore } = await import('../src/panel/store');
const { manyRecords } = await import('../test/unit/ui/fixtures');

const ROWS = 10_000;
const store = createStore(null, 1);
const root = window.document.createElement('div');
window.document.body.append(root);
act(() => {
  store.setRecords(manyRecords(ROWS, 50));
  render(h(App, { store }), root as unknown as Element);
});
const input = root.querySelector('input[type="search"]') as unknown as HTMLInputElement;

function keystroke(value: string): number {
  const start = performance.now();
  act(() => {
    input.value = value;
    input.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
  });
  return performance.now() - start;
}

const query = 'h17.example/r/';
const samples: number[] = [];
for (let round = 0; round < 5; round++) {
  for (let i = 1; i <= query.length; i++) samples.push(keystroke(query.slice(0, i)));
  for (let i = query.length - 1; i >= 0; i--) samples.push(keystroke(query.slice(0, i)));
}
// Check the work really happened: the final narrowing left the expected rows.
keystroke(query);
const shown = root.querySelectorAll('.grid-row').length;
const visible = store.visibleRows().length;
keystroke('');

samples.sort((a, b) => a - b);
const pick = (q: number): number =>
  samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
console.log(
  `filter ${ROWS} rows (happy-dom, Preact, real store): ${samples.length} keystrokes, ` +
    `median ${pick(0.5).toFixed(2)} ms, p95 ${pick(0.95).toFixed(2)} ms, max ${pick(1).toFixed(2)} ms; ` +
    `"${query}" leaves ${visible} rows, ${shown} in the DOM`,
);
render(null, root as unknown as Element);
await window.happyDOM.close();
