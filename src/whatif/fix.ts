import { evaluate } from '../evaluator/evaluate';
import { BROWSER_PROFILES, type FixStep } from '../evaluator/types';
import type { CorsRecord } from '../shared/record';
import { formatHeaderLines, parseHeaderLines, removeHeader, setHeader } from './lines';
import { type MessageDraft, type WhatIfState, whatIfRecord } from './state';

/** Which draft a fix step is about: same kind and URL, else the failing hop, else the last one. */
function target(state: WhatIfState, step: FixStep, hop: number | undefined): MessageDraft | undefined {
  const kind = step.on === 'request' ? null : step.on;
  if (kind === null) return undefined;
  const candidates = state.messages.filter((m) => m.kind === kind);
  return (
    candidates.find((m) => m.url === step.url) ??
    candidates.find((m) => hop !== undefined && m.index === hop) ??
    candidates[candidates.length - 1]
  );
}

/** The page-side changes the editor can make (the others need code the editor does not model). */
function pageChange(state: WhatIfState, change: string): WhatIfState {
  if (change === 'omit-credentials') return { ...state, credentials: 'omit' };
  if (change === 'use-cors-mode') return { ...state, mode: 'cors' };
  if (change === 'use-redirect-follow') return { ...state, redirect: 'follow' };
  return state;
}

/** Applies the evaluator's fix steps to the drafts: remove lines, set lines, set the status. */
export function applyFixSteps(state: WhatIfState, steps: readonly FixStep[], hop?: number): WhatIfState {
  let next = state;
  for (const step of steps) {
    const m = target(next, step, hop);
    if (m !== undefined && (step.setHeaders.length > 0 || step.removeHeaders.length > 0 || step.status)) {
      let headers = parseHeaderLines(m.text).headers;
      for (const name of step.removeHeaders) headers = removeHeader(headers, name);
      for (const h of step.setHeaders) headers = setHeader(headers, h.name, h.value);
      const patched: MessageDraft = {
        ...m,
        text: formatHeaderLines(headers),
        status: step.status ?? m.status,
        touched: true,
      };
      next = { ...next, messages: next.messages.map((d) => (d.id === m.id ? patched : d)) };
    } else if (step.pageChange !== undefined) {
      next = pageChange(next, step.pageChange);
    }
  }
  return next;
}

const MAX_ROUNDS = 6;

/**
 * "Apply the fix": the evaluated profile's fix, then, while a profile still blocks, that
 * profile's fix, until every profile allows the exchange or no fix changes anything (a page-side
 * change the editor cannot make). Each round is a pure re-evaluation.
 */
export function applyFixEverywhere(record: CorsRecord, start: WhatIfState): WhatIfState {
  let state = start;
  const profile = record.evaluation.profile;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = whatIfRecord(record, state).exchange;
    const main = evaluate(current, { profile });
    let ev = main;
    if (main.fix.length === 0) {
      const stuck = BROWSER_PROFILES.find((p) => main.byProfile[p]?.verdict !== 'allowed');
      if (stuck === undefined) return state;
      ev = evaluate(current, { profile: stuck });
    }
    const next = applyFixSteps(state, ev.fix, ev.failedHop);
    if (sameDrafts(next, state)) return state;
    state = next;
  }
  return state;
}

function sameDrafts(a: WhatIfState, b: WhatIfState): boolean {
  return (
    a.credentials === b.credentials &&
    a.mode === b.mode &&
    a.redirect === b.redirect &&
    a.messages.every((m, i) => m.text === b.messages[i]?.text && m.status === b.messages[i]?.status)
  );
}
