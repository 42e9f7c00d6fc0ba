/** The live per-tab subscription: snapshot first, then every record and summary change. */
import type { PortLike } from '../platform/extension';
import { checkPortMessage } from '../shared/guards';
import { PORT_NAME, type PortServerMessage, PROTOCOL_VERSION } from '../shared/protocol';
import type { Capture } from './capture';

export function servePort(capture: Capture, port: PortLike): void {
  if (port.name !== PORT_NAME) return;
  let tabId: number | null = null;
  const send = (message: PortServerMessage) => port.post(message);
  const pushSummary = async (id: number) =>
    send({ type: 'summary', v: PROTOCOL_VERSION, summary: await capture.summary(id) });

  const stop = capture.subscribe((event) => {
    if (event.type === 'record' && event.record.tabId === tabId) {
      send({ type: 'record', v: PROTOCOL_VERSION, record: event.record });
      void pushSummary(tabId);
    } else if (event.type === 'cleared' && event.tabId === tabId) {
      send({ type: 'cleared', v: PROTOCOL_VERSION, tabId });
      void pushSummary(tabId);
    }
  });
  port.onDisconnect(stop);
  port.onMessage(async (raw) => {
    const checked = checkPortMessage(raw);
    if (!checked.ok) return;
    if (checked.value.type === 'unsubscribe') {
      tabId = null;
      return;
    }
    tabId = checked.value.tabId;
    const { records, evicted } = await capture.tabRecords(tabId);
    const { preserveLog } = await capture.settings();
    send({ type: 'snapshot', v: PROTOCOL_VERSION, tabId, records, evicted, preserveLog });
    await pushSummary(tabId);
  });
}
