import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PORT_NAME, type PortServerMessage, PROTOCOL_VERSION } from '../../../src/shared/protocol';

/** A fake runtime: ports we can disconnect (a worker restart) and a scripted sendMessage. */
interface FakePort {
  name: string;
  posted: unknown[];
  messageListeners: ((m: unknown) => void)[];
  disconnectListeners: (() => void)[];
  disconnected: boolean;
}
const ports: FakePort[] = [];
let answer: unknown;

vi.mock('../../../src/platform/browser', () => ({
  browser: {
    runtime: {
      sendMessage: vi.fn(async () => answer),
      connect: vi.fn(({ name }: { name: string }) => {
        const port: FakePort = {
          name,
          posted: [],
          messageListeners: [],
          disconnectListeners: [],
          disconnected: false,
        };
        ports.push(port);
        return {
          name,
          postMessage: (m: unknown) => port.posted.push(m),
          disconnect: () => {
            port.disconnected = true;
          },
          onMessage: { addListener: (l: (m: unknown) => void) => port.messageListeners.push(l) },
          onDisconnect: { addListener: (l: () => void) => port.disconnectListeners.push(l) },
        };
      }),
    },
  },
}));

const { connectTab, request } = await import('../../../src/platform/client');

beforeEach(() => {
  ports.length = 0;
});

describe('client', () => {
  it('sends typed requests with the protocol version and unwraps { error }', async () => {
    const { browser } = await import('../../../src/platform/browser');
    answer = { cleared: 3 };
    await expect(request('cors-lens:clear', { tabId: 4 })).resolves.toEqual({ cleared: 3 });
    expect(browser.runtime.sendMessage).toHaveBeenLastCalledWith({
      type: 'cors-lens:clear',
      v: PROTOCOL_VERSION,
      tabId: 4,
    });
    answer = { error: 'bad tab' };
    await expect(request('cors-lens:clear', { tabId: -1 })).rejects.toThrow('bad tab');
    answer = undefined;
    await expect(request('cors-lens:summary', { tabId: 1 })).rejects.toThrow(
      'No answer to cors-lens:summary',
    );
  });

  it('subscribes, passes only protocol messages on, and resubscribes after a worker restart', async () => {
    vi.useFakeTimers();
    const got: PortServerMessage[] = [];
    const connection = connectTab(9, (m) => got.push(m), { retryMs: 100 });
    expect(ports).toHaveLength(1);
    expect(ports[0]?.name).toBe(PORT_NAME);
    expect(ports[0]?.posted).toEqual([{ type: 'subscribe', v: PROTOCOL_VERSION, tabId: 9 }]);
    for (const l of ports[0]?.messageListeners ?? []) {
      l({ type: 'cleared', v: PROTOCOL_VERSION, tabId: 9 });
      l({ type: 'nonsense' });
      l(null);
    }
    expect(got).toEqual([{ type: 'cleared', v: PROTOCOL_VERSION, tabId: 9 }]);

    for (const l of ports[0]?.disconnectListeners ?? []) l();
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(ports).toHaveLength(2);
    expect(ports[1]?.posted).toEqual([{ type: 'subscribe', v: PROTOCOL_VERSION, tabId: 9 }]);

    connection.close();
    expect(ports[1]?.disconnected).toBe(true);
    for (const l of ports[1]?.disconnectListeners ?? []) l();
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(2);
    vi.useRealTimers();
  });
});
