/** The live per-tab subscription: snapshot first, then every record and summary change. */
import type { PortLike } from '../platform/extension';
import { checkPortMessage } from '../shared/guards';
import { typedPort } from '../shared/port';
import {
  PORT_NAME,
  type PortClientMessage,
  type PortServerMessage,
  PROTOCOL_VERSION,
} from '../shared/protocol';
import type { Capture } from './capture';
import { inSlices } from './next-task';

/** Records per snapshot message: about 50 ms of the worker's time each (0.24 ms a record). */
const SNAPSHOT_PART = 200;

export function servePort(capture: Capture, port: PortLike): void {
  if (port.name !== PORT_NAME) return;
  let tabId: number | null = null;
  const typed = typedPort<PortServerMessage, PortClientMessage>(
    {
      post: (message) => port.post(message),
      onMessage: (listener) => {
        port.onMessage(listener);
        return () => undefined;
      },
      onDisconnect: (listener) => {
        port.onDisconnect(listener);
        return () => undefined;
      },
      // The client owns the port's lifetime; the worker only stops sending.
      disconnect: () => undefined,
    },
    checkPortMessage,
  );
  const send = (message: PortServerMessage) => void typed.send(message);
  // One summary at a time: a burst of records asks for many, each a pass over the whole tab;
  // those asked while one is being made are answered by one more, made after it.
  let summarizing: Promise<void> | null = null;
  let again = false;
  const pushSummary = (id: number): void => {
    if (summarizing) {
      again = true;
      return;
    }
    summarizing = capture
      .summary(id)
      .then((summary) => send({ type: 'summary', v: PROTOCOL_VERSION, summary }))
      .catch(() => undefined) // the port or the worker went away: nothing to tell
      .finally(() => {
        summarizing = null;
        const next = again ? tabId : null;
        again = false;
        if (next !== null) pushSummary(next);
      });
  };

  // Events for the tab while its snapshot is being read wait until the snapshot is sent: a
  // client must never see a record before the snapshot that replaces its list.
  let buffered: PortServerMessage[] | null = null;
  const push = (message: PortServerMessage) => {
    if (buffered) buffered.push(message);
    else send(message);
  };

  // The popup asks for summaries only: no record is sent to it.
  let summaryOnly = false;
  const stop = capture.subscribe((event) => {
    if (tabId === null) return;
    if (event.type === 'record' && event.record.tabId === tabId) {
      if (!summaryOnly) push({ type: 'record', v: PROTOCOL_VERSION, record: event.record });
      if (!buffered) pushSummary(tabId);
    } else if (event.type === 'cleared' && event.tabId === tabId) {
      push({ type: 'cleared', v: PROTOCOL_VERSION, tabId });
      if (!buffered) pushSummary(tabId);
    }
  });
  /** Each subscribe starts a new one: a snapshot still being sent for an older one stops. */
  let subscription = 0;
  // A panel's port records its tab while it stays connected (the scope's `panel` reason).
  let panelOf: number | null = null;
  const panelGone = (): void => {
    if (panelOf !== null) void capture.onPanel(panelOf, false);
    panelOf = null;
  };
  port.onDisconnect(() => {
    stop();
    panelGone();
  });
  typed.onMessage(async (message) => {
    if (message.type === 'unsubscribe') {
      tabId = null;
      subscription++;
      buffered = null;
      panelGone();
      return;
    }
    const id = message.tabId;
    if (panelOf !== id) panelGone();
    if (message.panel === true && panelOf !== id) {
      panelOf = id;
      void capture.onPanel(id, true);
    }
    tabId = id;
    summaryOnly = message.summaryOnly === true;
    const current = ++subscription;
    if (summaryOnly) {
      buffered = null;
      pushSummary(id);
      return;
    }
    buffered = [];
    const { records, evicted } = await capture.tabRecords(id);
    const { preserveLog } = await capture.settings();
    if (current !== subscription) return;
    // In parts, a task each (next-task.ts): one message of 10,000 records kept the worker 2-8 s.
    await inSlices(
      records,
      SNAPSHOT_PART,
      (part, start) => {
        send({
          type: 'snapshot',
          v: PROTOCOL_VERSION,
          tabId: id,
          records: [...part],
          evicted,
          preserveLog,
          ...(start > 0 ? { append: true } : {}),
        });
      },
      () => current !== subscription,
    );
    if (current !== subscription) return;
    if (records.length === 0)
      send({ type: 'snapshot', v: PROTOCOL_VERSION, tabId: id, records: [], evicted, preserveLog });
    const late = buffered ?? [];
    buffered = null;
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
    pushSummary(id);
  });
}
