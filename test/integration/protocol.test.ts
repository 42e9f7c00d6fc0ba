/**
 * The worker's protocol: runtime guards on every incoming message, the one-shot handlers
 * (report in three formats, summary, records, clear, settings, page-calls) and the live port.
 */
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/background/messages';
import { servePort } from '../../src/background/ports';
import type { PortLike } from '../../src/platform/extension';
import { checkPortMessage, checkRequest } from '../../src/shared/guards';
import { MAX_BATCH_CALLS } from '../../src/shared/page-channel';
import { PORT_NAME, type PortServerMessage, PROTOCOL_VERSION as v } from '../../src/shared/protocol';
import { FakeBrowser, h, replay, request } from './support/fake-browser';

const PAGE = 'http://page.test';
const env = { extensionVersion: '9.9.9' };
const tabSender = { tabId: 7, frameId: 0, url: `${PAGE}/`, origin: PAGE };

function withRecords() {
  const fake = new FakeBrowser();
  const capture = fake.start();
  const ok = request({ requestId: '1', url: 'http://api.test/ok' });
  const bad = request({ requestId: '2', url: 'http://api.test/bad?token=s3cret' });
  replay(capture, [
    ok.start(),
    ok.send([h('Origin', PAGE), h('Authorization', 'Bearer abc')]),
    ok.completed(200, [h('Access-Control-Allow-Origin', PAGE)]),
    bad.start(),
    bad.send([h('Origin', PAGE)]),
    bad.completed(200, []),
  ]);
  return { fake, capture };
}

describe('guards', () => {
  it.each([
    [null, /must be an object/],
    ['cors-lens:report', /must be an object/],
    [{}, /unknown message type/],
    [{ type: 'cors-lens:nope', v }, /unknown message type: "cors-lens:nope"/],
    [{ type: 'cors-lens:summary', tabId: 1 }, /protocol version `v` is missing \(this worker speaks v=2\)/],
    [
      { type: 'cors-lens:summary', v: v - 1, tabId: 1 },
      /protocol version mismatch: got v=1, this worker speaks v=2/,
    ],
    [{ type: 'cors-lens:report', v, format: 'pdf' }, /format must be json, markdown or har/],
    [{ type: 'cors-lens:report', v, format: 'json', tabId: -1 }, /tabId/],
    [{ type: 'cors-lens:report', v, format: 'json', redact: 'yes' }, /redact must be a boolean/],
    [{ type: 'cors-lens:summary', v }, /tabId must be a tab id/],
    [{ type: 'cors-lens:records', v, tabId: 1.5 }, /tabId must be a tab id/],
    [{ type: 'cors-lens:settings', v, set: { maxRecordsPerTab: 0 } }, /maxRecordsPerTab/],
    [{ type: 'cors-lens:settings', v, set: { evil: 1 } }, /unknown setting "evil"/],
    [{ type: 'cors-lens:settings', v, set: { preserveLog: 'true' } }, /preserveLog must be true or false/],
    [
      {
        type: 'cors-lens:page-calls',
        v,
        calls: [{ call: { api: 'ws', url: 'x', method: 'GET', headerNames: [] } }],
      },
      /page-calls: calls\[0\]: api must be fetch, xhr or element/,
    ],
    [
      { type: 'cors-lens:page-calls', v, calls: [{ call: { api: 'fetch', url: 'x', method: 'GET' } }] },
      /calls\[0\]: headerNames/,
    ],
    [
      {
        type: 'cors-lens:page-calls',
        v,
        calls: [
          { call: { api: 'fetch', url: 'x', method: 'GET', headerNames: [] } },
          { call: { api: 'fetch', url: 'x', method: 'GET', headerNames: [], outcome: { kind: 'boom' } } },
        ],
      },
      /calls\[1\]: outcome/,
    ],
    [{ type: 'cors-lens:page-calls', v, calls: [] }, /calls must be a list of 1 to/],
    [{ type: 'cors-lens:page-calls', v, call: { api: 'fetch' } }, /calls must be a list/],
    [
      {
        type: 'cors-lens:page-calls',
        v,
        calls: Array.from({ length: MAX_BATCH_CALLS + 1 }, () => ({
          call: { api: 'fetch', url: 'x', method: 'GET', headerNames: [] },
        })),
      },
      /calls must be a list of 1 to 250 calls/,
    ],
  ])('rejects %j with a clear error', (message, error) => {
    const checked = checkRequest(message);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(error);
  });

  it('accepts well-formed requests and port messages', () => {
    expect(checkRequest({ type: 'cors-lens:report', v, format: 'json' }).ok).toBe(true);
    expect(checkRequest({ type: 'cors-lens:settings', v, set: { preserveLog: true } }).ok).toBe(true);
    expect(checkPortMessage({ type: 'subscribe', v, tabId: 3 })).toEqual({
      ok: true,
      value: { type: 'subscribe', v, tabId: 3 },
    });
    expect(checkPortMessage({ type: 'subscribe', v, tabId: 'x' }).ok).toBe(false);
    expect(checkPortMessage({ type: 'unsubscribe', v })).toEqual({
      ok: true,
      value: { type: 'unsubscribe', v },
    });
    const old = checkPortMessage({ type: 'subscribe', v: 0, tabId: 3 });
    expect(old.ok === false && old.error).toMatch(/subscribe: protocol version mismatch: got v=0/);
    expect(checkPortMessage({ type: 'hello' }).ok).toBe(false);
  });

  it('the worker answers a malformed message with { error } and never throws', async () => {
    const { capture } = withRecords();
    for (const bad of [undefined, 42, [], { type: 'cors-lens:clear', v, tabId: 'all' }]) {
      const reply = (await answer(capture, env, bad, {})) as { error?: string };
      expect(typeof reply.error).toBe('string');
    }
  });
});

describe('one-shot handlers', () => {
  it('report json answers the ReportJson object itself, redacted by default', async () => {
    const { capture } = withRecords();
    const report = (await answer(capture, env, { type: 'cors-lens:report', v, format: 'json' }, {})) as {
      schema: string;
      redacted: boolean;
      records: { exchange: { url: string; requestHeaders: { name: string; value: string }[] } }[];
    };
    expect(typeof report.schema).toBe('string');
    expect(report.redacted).toBe(true);
    expect(report.records).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain('Bearer abc');
    expect(JSON.stringify(report)).not.toContain('s3cret');
    const plain = (await answer(
      capture,
      env,
      { type: 'cors-lens:report', v, format: 'json', tabId: 7, redact: false },
      {},
    )) as { redacted: boolean };
    expect(plain.redacted).toBe(false);
    expect(JSON.stringify(plain)).toContain('Bearer abc');
  });

  it('report markdown and har', async () => {
    const { capture } = withRecords();
    const md = (await answer(capture, env, { type: 'cors-lens:report', v, format: 'markdown' }, {})) as {
      format: string;
      text: string;
    };
    expect(md.format).toBe('markdown');
    expect(md.text).toContain('api.test');
    const har = (await answer(capture, env, { type: 'cors-lens:report', v, format: 'har' }, {})) as {
      format: string;
      har: { log: { entries: unknown[] } };
    };
    expect(har.format).toBe('har');
    expect(har.har.log.entries.length).toBeGreaterThanOrEqual(2);
  });

  it('summary, records, clear', async () => {
    const { capture, fake } = withRecords();
    const summary = (await answer(capture, env, { type: 'cors-lens:summary', v, tabId: 7 }, {})) as {
      allowed: number;
      blocked: number;
    };
    expect(summary).toMatchObject({ allowed: 1, blocked: 1 });
    expect(fake.badge.shown.get(7)).toBe(1);
    const list = (await answer(capture, env, { type: 'cors-lens:records', v, tabId: 7 }, {})) as {
      records: unknown[];
    };
    expect(list.records).toHaveLength(2);
    expect(await answer(capture, env, { type: 'cors-lens:clear', v, tabId: 7 }, {})).toEqual({
      cleared: 2,
    });
    expect(fake.badge.shown.get(7)).toBe(0);
  });

  it('settings persist in storage.local', async () => {
    const { capture, fake } = withRecords();
    const set = (await answer(
      capture,
      env,
      { type: 'cors-lens:settings', v, set: { maxRecordsPerTab: 50 } },
      {},
    )) as {
      maxRecordsPerTab: number;
    };
    expect(set.maxRecordsPerTab).toBe(50);
    expect(fake.local.data.get('settings')).toMatchObject({ maxRecordsPerTab: 50 });
  });

  it('a page call refused by the renderer becomes a blocked record', async () => {
    const { capture } = withRecords();
    const call = {
      api: 'fetch',
      url: 'http://api.test/same',
      method: 'GET',
      mode: 'same-origin',
      credentials: 'same-origin',
      redirect: 'follow',
      headerNames: [],
    };
    expect(
      await answer(
        capture,
        env,
        { type: 'cors-lens:page-calls', v, calls: [{ call, refused: true }] },
        tabSender,
      ),
    ).toEqual({
      ok: true,
    });
    const { records } = await capture.tabRecords(7);
    const refused = records.find((r) => r.exchange.url === 'http://api.test/same');
    expect(refused?.evaluation.corsError).toBe('DisallowedByMode');
    const reply = (await answer(
      capture,
      env,
      { type: 'cors-lens:page-calls', v, calls: [{ call, refused: true }] },
      {},
    )) as {
      error?: string;
    };
    expect(reply.error).toMatch(/only a tab/);
  });

  it('a page call pairs with its webRequest exchange and brings mode and credentials', async () => {
    const fake = new FakeBrowser();
    const capture = fake.start();
    const url = 'http://api.test/cred';
    const call = { api: 'fetch', url, method: 'GET', mode: 'cors', credentials: 'include', headerNames: [] };
    await answer(
      capture,
      env,
      { type: 'cors-lens:page-calls', v, calls: [{ call, refused: false }] },
      tabSender,
    );
    const r = request({ requestId: '5', url });
    replay(capture, [
      r.start(),
      r.send([h('Origin', PAGE)]),
      r.completed(200, [h('Access-Control-Allow-Origin', '*')]),
    ]);
    const [record] = (await capture.tabRecords(7)).records;
    expect(record?.call?.credentials).toBe('include');
    expect(record?.exchange.credentials).toBe('include');
    expect(record?.evaluation.corsError).toBe('WildcardOriginNotAllowed');
  });
});

class FakePort implements PortLike {
  readonly sent: PortServerMessage[] = [];
  private waiting: { count: number; resolve: () => void }[] = [];
  private listener: (m: unknown) => void = () => undefined;
  private disconnect: () => void = () => undefined;
  constructor(readonly name: string) {}
  post(message: unknown) {
    this.sent.push(message as PortServerMessage);
    for (const w of this.waiting.filter((w) => this.sent.length >= w.count)) w.resolve();
    this.waiting = this.waiting.filter((w) => this.sent.length < w.count);
  }
  /** Resolves once `count` messages in all have been sent. */
  sentCount(count: number): Promise<void> {
    if (this.sent.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ count, resolve }));
  }
  onMessage(listener: (m: unknown) => void) {
    this.listener = listener;
  }
  onDisconnect(listener: () => void) {
    this.disconnect = listener;
  }
  deliver(message: unknown) {
    this.listener(message);
  }
  close() {
    this.disconnect();
  }
}

describe('port', () => {
  it('subscribe → snapshot then summary; new records and clears are pushed live', async () => {
    // Subscribing while the records are still being applied: none may come before the snapshot.
    const { capture } = withRecords();
    const port = new FakePort(PORT_NAME);
    servePort(capture, port);
    port.deliver({ type: 'subscribe', v, tabId: 7 });
    await port.sentCount(2);
    expect(port.sent.map((m) => m.type)).toEqual(['snapshot', 'summary']);
    const snapshot = port.sent[0];
    expect(snapshot?.type === 'snapshot' && snapshot.records.length).toBe(2);

    const r = request({ requestId: '9', url: 'http://api.test/new' });
    replay(capture, [r.start(), r.completed(200, [])]);
    const other = request({ requestId: '10', url: 'http://api.test/elsewhere', tabId: 8 });
    replay(capture, [other.start(), other.completed(200, [])]);
    await capture.idle();
    await port.sentCount(4);
    const types = port.sent.slice(2).map((m) => m.type);
    expect(types).toEqual(['record', 'summary']);

    await capture.clear(7);
    await port.sentCount(6);
    expect(port.sent.slice(4).map((m) => m.type)).toEqual(['cleared', 'summary']);

    port.close();
    const after = request({ requestId: '11', url: 'http://api.test/after' });
    replay(capture, [after.start(), after.completed(200, [])]);
    await capture.idle();
    await capture.idle(); // a summary push would wait for the queue too
    expect(port.sent).toHaveLength(6);
  });

  it('ignores ports with another name and malformed port messages', async () => {
    const { capture } = withRecords();
    const stranger = new FakePort('someone-else');
    servePort(capture, stranger);
    stranger.deliver({ type: 'subscribe', v, tabId: 7 });
    const port = new FakePort(PORT_NAME);
    servePort(capture, port);
    port.deliver({ type: 'subscribe', v, tabId: 'seven' });
    port.deliver({ type: 'subscribe', v: 9, tabId: 7 });
    port.deliver('garbage');
    await capture.idle();
    expect(stranger.sent).toEqual([]);
    expect(port.sent).toEqual([]);
  });
});
