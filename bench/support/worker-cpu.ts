/**
 * The extension worker's own CPU time, from a V8 CPU profile of its service-worker target
 * (CDP Profiler over Target.sendMessageToTarget from a page session: Playwright has no CDP
 * session for service workers). Busy time is every sample that is not `(idle)`.
 */
import type { Page } from 'playwright-core';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface WorkerProfiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
  detach(): Promise<void>;
}

export async function profileWorker(page: Page, extensionId: string): Promise<WorkerProfiler> {
  const session = await page.context().newCDPSession(page);
  const { targetInfos } = await session.send('Target.getTargets');
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!target) throw new Error(`no service worker for ${extensionId}`);
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  session.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
    const id = nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    void session.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return reply;
  };
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: () => send('Profiler.start'),
    stop: async () => (await send<{ profile: CpuProfile }>('Profiler.stop')).profile,
    detach: async () => {
      await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}

export interface FunctionCost {
  readonly name: string;
  readonly selfMs: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly totalMs: number;
  /** Self time per function (natives and browser bindings under their own names). */
  readonly functions: FunctionCost[];
  /** Self time of natives and bindings charged to the nearest function of the extension's own code. */
  readonly ownCallers: FunctionCost[];
}

const label = (frame: ProfileNode['callFrame']): string => {
  if (!frame.url) return frame.functionName || '(native)';
  const file = frame.url.split('/').pop() ?? '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
};

/** Busy milliseconds (not `(idle)`) and where they went, most first. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byNode = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byNode.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const ownCaller = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byNode.get(at)?.callFrame;
      if (frame?.url.startsWith('chrome-extension://')) return label(frame);
    }
    return `(outside our code) ${label(byNode.get(id)?.callFrame ?? { functionName: '', url: '', lineNumber: 0, columnNumber: 0 })}`;
  };
  const self = new Map<string, number>();
  const callers = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let busy = 0;
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
    total += delta;
    const frame = byNode.get(nodeId)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    busy += delta;
    add(self, label(frame), delta);
    add(callers, ownCaller(nodeId), delta);
  });
  const sorted = (map: Map<string, number>) =>
    [...map].map(([name, selfMs]) => ({ name, selfMs })).sort((a, b) => b.selfMs - a.selfMs);
  return { busyMs: busy, totalMs: total, functions: sorted(self), ownCallers: sorted(callers) };
}
