import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, openExtensionPage, tabIdOf } from './support/browser';
import { fetchReport } from './support/report';
import { type ScenarioServer, startServer } from './support/server';

/**
 * The extension must be invisible to pages: the same battery of fetch/XHR calls observes exactly
 * the same things (statuses, types, header reads, errors, event order, globals) with and without it.
 */
let server: ScenarioServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

interface BatteryRun {
  readonly output: string;
  /** Records the extension made for the battery's tab (null without the extension). */
  readonly records: number | null;
}

async function runBattery(withExtension: boolean): Promise<BatteryRun> {
  const browser: Browser = await launch(withExtension);
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.page}/page/battery.html?api=${encodeURIComponent(server.api)}`);
    await page.waitForFunction(() => typeof (window as { __battery?: string }).__battery === 'string', null, {
      timeout: 30_000,
    });
    const output = await page.evaluate(() => (window as unknown as { __battery: string }).__battery);
    let records: number | null = null;
    if (withExtension) {
      const ext = await openExtensionPage(browser);
      const tabId = await tabIdOf(ext, page);
      records = await fetchReport(ext, tabId).then(
        (r) => r.records.length,
        () => -1,
      );
    }
    return { output, records };
  } finally {
    await browser.close();
  }
}

describe('transparency', () => {
  let without: BatteryRun;
  let withExt: BatteryRun;

  beforeAll(async () => {
    without = await runBattery(false);
    withExt = await runBattery(true);
  });

  it('the battery ran to the end and observed real outcomes', () => {
    const entries = JSON.parse(without.output) as [string, unknown][];
    expect(Array.isArray(entries)).toBe(true);
    const names = entries.map(([name]) => name);
    expect(names).toContain('xhr-bad-header');
    const get = (name: string) => entries.find(([n]) => n === name)?.[1] as Record<string, unknown>;
    expect(get('ok')).toMatchObject({ status: 200, type: 'cors' });
    expect(get('cors-fail')).toMatchObject({ name: 'TypeError' });
    expect(get('aborted-before')).toMatchObject({ name: 'AbortError' });
    expect(get('no-cors')).toMatchObject({ status: 0, type: 'opaque' });
    // The canvas reads the tracer wraps were really refused (and really allowed) in this browser.
    expect(get('canvas-tainted-getImageData')).toMatchObject({ name: 'SecurityError' });
    expect(get('canvas-tainted-texImage2D')).toMatchObject({ name: 'SecurityError' });
    expect(entries.find(([n]) => n === 'canvas-clean-toDataURL')?.[1]).toBeGreaterThan(0);
    // The element-modes hook's setters and setAttribute really ran (an image set by attributes).
    expect(entries.find(([n]) => n === 'attr-img')?.[1]).toEqual([
      expect.stringMatching(/^(load|error)$/),
      'use-credentials',
      'use-credentials',
      true,
    ]);
  });

  it('pages observe exactly the same with and without the extension', () => {
    const a = JSON.parse(without.output) as [string, unknown][];
    const b = JSON.parse(withExt.output) as [string, unknown][];
    const differing = a.filter(([name, value], i) => JSON.stringify([name, value]) !== JSON.stringify(b[i]));
    console.log(`transparency: ${a.length - differing.length}/${a.length} observations identical`);
    expect(b.length).toBe(a.length);
    expect(differing.map(([name]) => name)).toEqual([]);
    expect(withExt.output).toBe(without.output);
  });

  it('the extension was watching during the battery (the comparison is not vacuous)', () => {
    console.log(`transparency: the extension recorded ${withExt.records} exchanges of the battery`);
    expect(withExt.records).toBeGreaterThan(5);
  });
});
