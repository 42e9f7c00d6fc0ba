import type { Header } from '../../evaluator/types';
import type { RawEntry } from './types';

/** Conventions several producers share (Chrome's underscore fields, HAR 1.2 as written). */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Chrome DevTools' `_error` / `response._error` (`net::ERR_FAILED`). */
export function chromeError(raw: RawEntry, response: RawEntry): string {
  return str(response._error) || str(raw._error);
}

/** Chrome's `_initiator`: a parser URL, or the first frame of the script's stack. */
export function initiatorFrom(initiator: unknown): string {
  if (!isRecord(initiator)) return '';
  if (typeof initiator.url === 'string' && initiator.type !== 'preflight') return initiator.url;
  const stack = initiator.stack;
  if (!isRecord(stack) || !Array.isArray(stack.callFrames)) return '';
  for (const frame of stack.callFrames) {
    if (isRecord(frame) && typeof frame.url === 'string' && frame.url !== '') return frame.url;
  }
  return '';
}

/**
 * Request lines as written, less exact repeats: a browser sends one line per name, so the same
 * name with the same value twice is the writer's copy (a tool that merged two header sources),
 * never the page's. Different values stay: that is evidence, not noise. Response lines are never
 * touched: a server really can send ACAO twice.
 */
export function asWritten(headers: readonly Header[]): Header[] {
  const seen = new Set<string>();
  return headers.filter((h) => {
    const key = `${h.name.toLowerCase()}\u0000${h.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
