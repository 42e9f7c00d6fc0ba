import { describe, expect, it } from 'vitest';
import { checkPortMessage } from '../../../src/shared/guards';
import { typedPort } from '../../../src/shared/port';
import { type PortClientMessage, type Transport, PROTOCOL_VERSION as v } from '../../../src/shared/protocol';

class FakeTransport implements Transport<string, unknown> {
  readonly posted: string[] = [];
  messageListeners = new Set<(m: unknown) => void>();
  disconnectListeners = new Set<() => void>();
  disconnected = false;
  failPosts = false;
  post(message: string) {
    if (this.failPosts) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  onMessage(listener: (m: unknown) => void) {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }
  onDisconnect(listener: () => void) {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }
  disconnect() {
    this.disconnected = true;
  }
  receive(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  drop() {
    for (const l of this.disconnectListeners) l();
  }
}

describe('typedPort', () => {
  it('passes valid messages to the handler and reports invalid ones', () => {
    const transport = new FakeTransport();
    const errors: string[] = [];
    const port = typedPort<string, PortClientMessage>(transport, checkPortMessage, (e) => errors.push(e));
    const seen: PortClientMessage[] = [];
    const off = port.onMessage((m) => seen.push(m));
    transport.receive({ type: 'subscribe', v, tabId: 4 });
    transport.receive({ type: 'subscribe', v, tabId: -4 });
    transport.receive(null);
    expect(seen).toEqual([{ type: 'subscribe', v, tabId: 4 }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/tabId/);
    off();
    transport.receive({ type: 'unsubscribe', v });
    expect(seen).toHaveLength(1);
  });

  it('stops sending after a disconnect or a failed post', () => {
    const transport = new FakeTransport();
    const port = typedPort<string, PortClientMessage>(transport, checkPortMessage);
    expect(port.send('a')).toBe(true);
    transport.drop();
    expect(port.open).toBe(false);
    expect(port.send('b')).toBe(false);
    expect(transport.posted).toEqual(['a']);

    const second = new FakeTransport();
    const other = typedPort<string, PortClientMessage>(second, checkPortMessage);
    second.failPosts = true;
    expect(other.send('x')).toBe(false);
    expect(other.open).toBe(false);
    other.close();
    expect(second.disconnected).toBe(true);
  });
});
