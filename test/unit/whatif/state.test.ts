import { describe, expect, it } from 'vitest';
import { BROWSER_PROFILES } from '../../../src/evaluator/types';
import type { CorsRecord } from '../../../src/shared/record';
import {
  applyFixEverywhere,
  applyFixSteps,
  hypotheticalExchange,
  isEdited,
  startWhatIf,
  type WhatIfState,
  whatIfRecord,
  whatIfReducer,
} from '../../../src/whatif';
import {
  APP,
  allowed,
  authorizationWildcard,
  headerDisallowed,
  missingAcao,
  redirected,
} from '../ui/fixtures';

function edit(state: WhatIfState, id: string, change: (text: string) => string): WhatIfState {
  const text = state.messages.find((m) => m.id === id)?.text ?? '';
  return whatIfReducer(state, { type: 'headers', id, text: change(text) });
}

function allowedEverywhere(record: CorsRecord): boolean {
  return BROWSER_PROFILES.every((p) => record.evaluation.byProfile[p].verdict === 'allowed');
}

describe('what-if state', () => {
  it('starts from the observed responses: one draft per preflight, redirect hop and the response', () => {
    const pre = startWhatIf(headerDisallowed());
    expect(pre.messages.map((m) => [m.id, m.observed, m.status])).toEqual([
      ['preflight-0', true, 204],
      ['response', false, 200],
    ]);
    expect(pre.messages[0]?.text).toContain('Access-Control-Allow-Methods: GET, PUT');
    const hop = startWhatIf(redirected());
    expect(hop.messages.map((m) => m.id)).toEqual(['redirect-0', 'response']);
    expect(hop.messages[1]?.url).toBe('https://data.example/new');
    expect(isEdited(pre)).toBe(false);
  });

  it('adding the ACAO line flips blocked to allowed; removing it flips back', () => {
    const record = missingAcao();
    expect(record.evaluation.verdict).toBe('blocked');
    const fixed = edit(startWhatIf(record), 'response', (t) => `${t}\nAccess-Control-Allow-Origin: ${APP}`);
    expect(isEdited(fixed)).toBe(true);
    const hypo = whatIfRecord(record, fixed);
    expect(hypo.evaluation.verdict).toBe('allowed');
    expect(hypo.hypothetical).toBe(true);
    expect(hypo.id).toBe(`${record.id}:what-if`);
    // The observed outcome (the network error) described the real answer: it is dropped.
    expect(hypo.exchange.networkError).toBeUndefined();
    const again = edit(fixed, 'response', (t) => t.replace(/\nAccess-Control-Allow-Origin: .*/, ''));
    expect(whatIfRecord(record, again).evaluation.corsError).toBe('MissingAllowOriginHeader');
  });

  it('changing a value: a wrong origin in ACAO gives AllowOriginMismatch', () => {
    const record = allowed();
    const wrong = edit(startWhatIf(record), 'response', (t) => t.replace(APP, 'https://other.example'));
    expect(whatIfRecord(record, wrong).evaluation.corsError).toBe('AllowOriginMismatch');
  });

  it('the credentials mode is editable: include with ACAO * is blocked', () => {
    const record = allowed();
    const star = edit(startWhatIf(record), 'response', () => 'Access-Control-Allow-Origin: *');
    expect(whatIfRecord(record, star).evaluation.verdict).toBe('allowed');
    const include = whatIfReducer(star, { type: 'credentials', credentials: 'include' });
    const ev = whatIfRecord(record, include).evaluation;
    expect(ev.corsError).toBe('WildcardOriginNotAllowed');
    expect(ev.credentials).toEqual({ mode: 'include', provenance: 'page' });
  });

  it('a Location line edited on a redirect hop moves the hop', () => {
    const state = edit(startWhatIf(redirected()), 'redirect-0', (t) =>
      t.replace('https://data.example/new', 'https://api.example/same-origin-hop'),
    );
    expect(hypotheticalExchange(state).redirects[0]?.location).toBe('https://api.example/same-origin-hop');
  });

  it('a response never observed stays absent (with its network error) until edited', () => {
    const record = headerDisallowed();
    const state = edit(
      startWhatIf(record),
      'preflight-0',
      (t) => `${t}\nAccess-Control-Allow-Headers: x-trace-id`,
    );
    const ex = hypotheticalExchange(state);
    expect(ex.response).toBeUndefined();
    expect(ex.networkError).toBe('net::ERR_FAILED');
    const typed = edit(state, 'response', () => `Access-Control-Allow-Origin: ${APP}`);
    expect(hypotheticalExchange(typed).response).toEqual({
      status: 200,
      headers: [{ name: 'Access-Control-Allow-Origin', value: APP }],
    });
    expect(whatIfRecord(record, typed).evaluation.verdict).toBe('allowed');
  });

  it('a status outside 100-599 is refused; a valid one applies', () => {
    const state = startWhatIf(headerDisallowed());
    expect(whatIfReducer(state, { type: 'status', id: 'preflight-0', status: 42 })).toBe(state);
    const bad = whatIfReducer(state, { type: 'status', id: 'preflight-0', status: 500 });
    expect(whatIfRecord(headerDisallowed(), bad).evaluation.corsError).toBe('PreflightInvalidStatus');
  });

  it('reset returns to what was observed', () => {
    const record = missingAcao();
    const start = startWhatIf(record);
    const changed = whatIfReducer(
      edit(start, 'response', () => ''),
      { type: 'credentials', credentials: 'include' },
    );
    const reset = whatIfReducer(changed, { type: 'reset' });
    expect(isEdited(reset)).toBe(false);
    expect(reset.messages).toEqual(start.messages);
    expect(reset.credentials).toBe(start.credentials);
  });
});

describe('apply the fix', () => {
  it('fills in the fix steps: the preflight, then the response never sent, allowed in every profile', () => {
    const record = headerDisallowed();
    const state = applyFixEverywhere(record, startWhatIf(record));
    const preflight = state.messages[0]?.text ?? '';
    expect(preflight).toContain('Access-Control-Allow-Headers: x-trace-id');
    expect(preflight).toContain('Access-Control-Allow-Methods: PUT');
    expect(state.messages[1]?.text).toContain(`Access-Control-Allow-Origin: ${APP}`);
    expect(allowedEverywhere(whatIfRecord(record, state))).toBe(true);
  });

  it('puts a redirect hop’s fix on that hop, not on the final response', () => {
    const record = whatIfRecord(redirected(), {
      ...startWhatIf(redirected()),
      messages: startWhatIf(redirected()).messages.map((m) =>
        m.kind === 'redirect' ? { ...m, text: m.text.replace(/^Access-Control-Allow-Origin:.*$/m, '') } : m,
      ),
    });
    expect(record.evaluation.failedOn).toBe('redirect');
    const state = applyFixEverywhere(record, startWhatIf(record));
    expect(state.messages.find((m) => m.kind === 'redirect')?.text).toContain(
      `Access-Control-Allow-Origin: ${APP}`,
    );
    expect(allowedEverywhere(whatIfRecord(record, state))).toBe(true);
  });

  it('keeps going with another profile’s fix: ACAH * becomes the explicit name the spec needs', () => {
    const record = authorizationWildcard();
    expect(record.evaluation.byProfile.spec.verdict).toBe('blocked');
    const state = applyFixEverywhere(record, startWhatIf(record));
    expect(state.messages[0]?.text).toContain('Access-Control-Allow-Headers: authorization');
    expect(state.messages[0]?.text).not.toContain('Access-Control-Allow-Headers: *');
    expect(allowedEverywhere(whatIfRecord(record, state))).toBe(true);
  });

  it('removes the headers a step names before setting, and sets the status', () => {
    const record = allowed();
    const twoLines = edit(
      startWhatIf(record),
      'response',
      (t) => `${t}\nAccess-Control-Allow-Origin: https://x.example`,
    );
    const next = applyFixSteps(twoLines, [
      {
        on: 'response',
        url: record.exchange.url,
        method: 'GET',
        setHeaders: [{ name: 'Access-Control-Allow-Origin', value: APP }],
        removeHeaders: ['access-control-allow-origin'],
        status: 203,
      },
    ]);
    expect(next.messages[0]?.text).toBe(`Access-Control-Allow-Origin: ${APP}`);
    expect(next.messages[0]?.status).toBe(203);
  });

  it('an exchange already allowed everywhere is left as it is', () => {
    const record = allowed();
    const start = startWhatIf(record);
    const vary = applyFixEverywhere(record, start);
    // The only fix for an allowed origin-specific ACAO is Vary: Origin (a cache warning).
    expect(vary.messages[0]?.text).toContain('Vary: Origin');
    expect(applyFixEverywhere(record, vary)).toBe(vary);
  });
});
