/** Answers the one-shot requests of the protocol (src/shared/protocol.ts). */

import { originOf } from '../evaluator/origin-of';
import type { MessageSenderInfo } from '../platform/extension';
import { buildHar } from '../report/har';
import { buildReport } from '../report/json';
import { renderMarkdown } from '../report/markdown';
import { checkRequest } from '../shared/guards';
import type { RequestMessage } from '../shared/protocol';
import type { Capture } from './capture';

export interface Environment {
  readonly extensionVersion: string;
  readonly browser?: string;
}

export async function answer(
  capture: Capture,
  env: Environment,
  raw: unknown,
  sender: MessageSenderInfo,
): Promise<unknown> {
  const checked = checkRequest(raw);
  if (!checked.ok) return { error: checked.error };
  const message: RequestMessage = checked.value;
  switch (message.type) {
    case 'cors-lens:report': {
      const records =
        message.tabId === undefined
          ? await capture.allRecords()
          : (await capture.tabRecords(message.tabId)).records;
      const settings = await capture.settings();
      const report = buildReport(records, {
        redact: message.redact ?? settings.redactByDefault,
        settings,
        extensionVersion: env.extensionVersion,
        ...(env.browser === undefined ? {} : { browser: env.browser }),
      });
      if (message.format === 'markdown') return { format: 'markdown', text: renderMarkdown(report) };
      if (message.format === 'har') return { format: 'har', har: buildHar(report) };
      return report;
    }
    case 'cors-lens:summary':
      return capture.summary(message.tabId);
    case 'cors-lens:records':
      return capture.tabRecords(message.tabId);
    case 'cors-lens:scope':
      return capture.scope(message.tabId);
    case 'cors-lens:clear':
      return { cleared: await capture.clear(message.tabId) };
    case 'cors-lens:settings':
      return capture.settings(message.set);
    case 'cors-lens:page-calls': {
      // Only a content script in a tab can report what its page did.
      if (sender.tabId === undefined) return { error: 'page-calls: only a tab can report its calls' };
      const origin = sender.origin ?? originOf(sender.url) ?? 'null';
      await capture.onPageCalls(message.calls, sender.tabId, sender.frameId ?? 0, origin);
      return { ok: true };
    }
    case 'cors-lens:canvas-taint': {
      if (sender.tabId === undefined) return { error: 'canvas-taint: only a tab can report its canvases' };
      const origin = sender.origin ?? originOf(sender.url) ?? 'null';
      await capture.onCanvasTaint(message.taint, sender.tabId, origin);
      return { ok: true };
    }
    case 'cors-lens:page-workers': {
      if (sender.tabId === undefined) return { error: 'page-workers: only a tab can report its workers' };
      await capture.onPageWorkers(message.workers, sender.tabId, sender.frameId ?? 0);
      return { ok: true };
    }
  }
}
