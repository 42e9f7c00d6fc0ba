import { launch } from '../test/e2e/support/browser';
const b = await launch(true);
const sw = b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
const value = 'x'.repeat(650);
for (const [calls, perCall] of [[600, 1], [60, 10], [6, 100], [600, 1]] as const) {
  const result = await sw.evaluate(
    async ({ calls, perCall, value }) => {
      const t0 = performance.now();
      const ps: Promise<void>[] = [];
      for (let c = 0; c < calls; c++) {
        const items: Record<string, string> = {};
        for (let i = 0; i < perCall; i++) items[`k${c}:${i}`] = value;
        ps.push(chrome.storage.session.set(items));
      }
      const issued = performance.now() - t0;
      await Promise.all(ps);
      const done = performance.now() - t0;
      const keys: string[] = [];
      for (let c = 0; c < calls; c++) for (let i = 0; i < perCall; i++) keys.push(`k${c}:${i}`);
      const t1 = performance.now();
      await chrome.storage.session.remove(keys);
      return { issued, done, remove: performance.now() - t1 };
    },
    { calls, perCall, value },
  );
  console.log(`${calls} set calls × ${perCall} items: issue ${result.issued.toFixed(1)} ms, settled ${result.done.toFixed(1)} ms, remove-all ${result.remove.toFixed(1)} ms`);
}
await b.close();
