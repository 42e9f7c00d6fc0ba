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

  // Events for the tab while its snapshot is being read wait until the snapshot is sent: a
  // client must never see a record before the snapshot that replaces its list.
  let buffered: PortServerMessage[] | null = null;
  const push = (message: PortServerMessage) => {
    if (buffered) buffered.push(message);
    else send(message);
  };

  const stop = capture.subscribe((event) => {
    if (tabId === null) return;
    if (event.type === 'record' && event.record.tabId === tabId) {
      push({ type: 'record', v: PROTOCOL_VERSION, record: event.record });
      if (!buffered) void pushSummary(tabId);
    } else if (event.type === 'cleared' && event.tabId === tabId) {
      push({ type: 'cleared', v: PROTOCOL_VERSION, tabId });
      if (!buffered) void pushSummary(tabId);
    }
  });
  port.onDisconnect(stop);
  port.onMessage(async (raw) => {
    const checked = checkPortMessage(raw);
    if (!checked.ok) return;
    if (checked.value.type === 'unsubscribe') {
      tabId = null;
      buffered = null;
      return;
    }
    const id = checked.value.tabId;
    tabId = id;
    buffered = [];
    const { records, evicted } = await capture.tabRecords(id);
    const { preserveLog } = await capture.settings();
    if (tabId !== id) return;
    const late = buffered ?? [];
    buffered = null;
    send({ type: 'snapshot', v: PROTOCOL_VERSION, tabId: id, records, evicted, preserveLog });
    // Records already in the snapshot are not sent twice; later updates are.
    const inSnapshot = new Map(records.map((r) => [r.id, r]));
    for (const message of late) {
      if (
        message.type === 'record' &&
        inSnapshot.get(message.record.id)?.exchange === message.record.exchange
      )
        continue;
      send(message);
    }
    await pushSummary(id);
  });
}
