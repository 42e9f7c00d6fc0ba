/**
 * A typed port over the protocol's `Transport`: what goes out is typed, what comes in passes a
 * runtime guard first (a bad message is reported to `onInvalid`, never to the handler), and
 * after a disconnect nothing more is sent.
 */
import type { Checked } from './guards';
import type { Transport } from './protocol';

export interface TypedPort<Out, In> {
  send(message: Out): boolean;
  onMessage(handler: (message: In) => void): () => void;
  readonly open: boolean;
  close(): void;
}

export function typedPort<Out, In>(
  transport: Transport<Out, unknown>,
  guard: (raw: unknown) => Checked<In>,
  onInvalid: (error: string) => void = () => undefined,
): TypedPort<Out, In> {
  let open = true;
  transport.onDisconnect(() => {
    open = false;
  });
  return {
    get open() {
      return open;
    },
    send(message) {
      if (!open) return false;
      try {
        transport.post(message);
        return true;
      } catch {
        // The other end went away between the check and the post.
        open = false;
        return false;
      }
    },
    onMessage(handler) {
      return transport.onMessage((raw) => {
        const checked = guard(raw);
        if (checked.ok) handler(checked.value);
        else onInvalid(checked.error);
      });
    },
    close() {
      open = false;
      transport.disconnect();
    },
  };
}
