import { describe, expect, it } from 'vitest';
import { summarizeTab } from '../../../src/background/store/summary';
import type { ObservedExchange } from '../../../src/evaluator/types';
import {
  browsersLine,
  callsForAction,
  describeStep,
  describeWarning,
  explainPreflight,
  reasonLabel,
} from '../../../src/explain';
import { formatDuration } from '../../../src/explain/duration';
import type { CorsRecord } from '../../../src/shared/record';
import { authorizationWildcard, missingAcao } from '../ui/fixtures';
import { API, APP, ex, h, pre, rec, res } from './fixtures';

// Words for the panel's first minute: why a preflight (and how to do without one), the browsers
// in one line, which warnings call for action, rounded times, popup reasons with counts.

const preflightFor = (method: string, names: string, answer: Record<string, string>) =>
  pre(res(204, answer), {
    requestHeaders: h({
      Origin: APP,
      'Access-Control-Request-Method': method,
      ...(names === '' ? {} : { 'Access-Control-Request-Headers': names }),
    }),
  });

const ALLOW = { 'Access-Control-Allow-Origin': APP };

function preflighted(over: Partial<ObservedExchange>, answer: Record<string, string>): CorsRecord {
  return rec(
    ex({
      response: res(200, ALLOW),
      ...over,
      preflights: over.preflights ?? [preflightFor('PUT', '', answer)],
    }),
  );
}

describe('why a preflight', () => {
  it('names the method, and offers no way around it', () => {
    const words = explainPreflight(
      preflighted({ method: 'PUT' }, { ...ALLOW, 'Access-Control-Allow-Methods': 'PUT' }),
    );
    expect(words?.because).toEqual(['The method PUT is not GET, HEAD or POST.']);
    expect(words?.avoid).toEqual([]);
  });

  it('a JSON POST: the content type, with text/plain as the way around it', () => {
    const record = rec(
      ex({
        method: 'POST',
        requestHeaders: h({ Origin: APP, 'Content-Type': 'application/json' }),
        response: res(200, ALLOW),
        preflights: [
          preflightFor('POST', 'content-type', { ...ALLOW, 'Access-Control-Allow-Headers': 'content-type' }),
        ],
      }),
    );
    const words = explainPreflight(record);
    expect(words?.because).toEqual([
      "The body's Content-Type (application/json) is not text/plain, application/x-www-form-urlencoded or multipart/form-data, the types a form can send.",
    ]);
    expect(words?.avoid.join(' ')).toMatch(/send it as text\/plain/);
  });

  it('each custom header by name; a secret is never suggested for the query string', () => {
    const trace = rec(
      ex({
        requestHeaders: h({ Origin: APP, 'X-Trace-Id': 'abc' }),
        response: res(200, ALLOW),
        preflights: [
          preflightFor('GET', 'x-trace-id', { ...ALLOW, 'Access-Control-Allow-Headers': 'x-trace-id' }),
        ],
      }),
    );
    const traceWords = explainPreflight(trace);
    expect(traceWords?.because).toEqual([
      'The page sets the header X-Trace-Id, which is not CORS-safelisted.',
    ]);
    expect(traceWords?.avoid.join(' ')).toContain('?x-trace-id=…');

    const secret = rec(
      ex({
        requestHeaders: h({ Origin: APP, 'X-Trace-Id': 'abc', Authorization: 'Bearer t' }),
        response: res(200, ALLOW),
        preflights: [
          preflightFor('GET', 'authorization,x-trace-id', {
            ...ALLOW,
            'Access-Control-Allow-Headers': 'authorization, x-trace-id',
          }),
        ],
      }),
    );
    const secretWords = explainPreflight(secret);
    expect(secretWords?.because).toHaveLength(2);
    expect(secretWords?.because.join(' ')).toContain('Authorization');
    // One reason has no harmless way around it, so none is offered for the other either.
    expect(secretWords?.avoid).toEqual([]);
  });

  it('an upload listener or stream body (forced)', () => {
    const words = explainPreflight(preflighted({ method: 'POST', forcePreflight: true }, { ...ALLOW }));
    expect(words?.because.join(' ')).toMatch(/upload progress .* stream body/);
    expect(words?.avoid.join(' ')).toMatch(/Without the upload listener/);
  });

  it('says how long the preflight may be cached, or that it came from the cache', () => {
    const answer = { ...ALLOW, 'Access-Control-Allow-Methods': 'PUT' };
    expect(explainPreflight(preflighted({ method: 'PUT' }, answer))?.cache).toMatch(
      /no Access-Control-Max-Age, so the browser reuses this preflight for 5 s only/,
    );
    expect(
      explainPreflight(preflighted({ method: 'PUT' }, { ...answer, 'Access-Control-Max-Age': '600' }))?.cache,
    ).toBe('The browser may reuse this preflight for 600 s (Access-Control-Max-Age: 600).');
    // Chrome caps at 7200 s.
    expect(
      explainPreflight(preflighted({ method: 'PUT' }, { ...answer, 'Access-Control-Max-Age': '86400' }))
        ?.cache,
    ).toMatch(/for 7200 s/);
    const cached = rec(ex({ method: 'PUT', response: res(200, ALLOW), preflights: [] }));
    expect(cached.evaluation.preflight.presumedCached).toBe(true);
    expect(explainPreflight(cached)?.cache).toMatch(/from its preflight cache/);
  });

  it("the trace's preflight step names the reasons in words, not the evaluator's codes", () => {
    const record = rec(
      ex({
        method: 'PUT',
        requestHeaders: h({ Origin: APP, 'X-Trace-Id': 'abc' }),
        response: res(200, ALLOW),
        preflights: [preflightFor('PUT', 'x-trace-id', { ...ALLOW, 'Access-Control-Allow-Methods': 'PUT' })],
      }),
    );
    const step = record.evaluation.trace.find((s) => s.rule === 'preflight.needed');
    const detail = step === undefined ? '' : describeStep(step).detail;
    expect(detail).toContain('because of the method and the header x-trace-id');
    expect(detail).not.toContain('header:');
  });

  it('is null for a request that needs no preflight', () => {
    expect(explainPreflight(rec(ex({ response: res(200, ALLOW) })))).toBeNull();
  });
});

describe('the browsers in one line', () => {
  it('all agree, the spec too', () => {
    expect(browsersLine(missingAcao().evaluation)).toBe(
      'Same in Chrome, Firefox, Safari and the Fetch standard.',
    );
  });

  it('browsers agree, the spec blocks: says so with its reason, no code', () => {
    expect(browsersLine(authorizationWildcard().evaluation)).toBe(
      'Same in Chrome, Firefox and Safari; the Fetch standard would block it: Header not allowed: authorization.',
    );
  });

  it('null when a browser decides otherwise (then the table shows)', () => {
    const record = missingAcao();
    const evaluation = {
      ...record.evaluation,
      byProfile: {
        ...record.evaluation.byProfile,
        safari: { verdict: 'allowed' as const, corsError: null, failedParameter: null, blockedReason: null },
      },
    };
    expect(browsersLine(evaluation)).toBeNull();
  });
});

describe('warnings that call for action', () => {
  it('an inferred credentials mode is a note: no count in the label, no warning in the sentence', () => {
    const record = rec(
      ex({ credentials: undefined, response: res(200, { 'Access-Control-Allow-Origin': '*' }) }),
    );
    expect(record.evaluation.warnings.map((w) => w.code)).toContain('credentials-inferred');
    expect(record.evaluation.warnings.some(callsForAction)).toBe(false);
    expect(reasonLabel(record.evaluation)).toBe('OK');
  });

  it('the spec-only Authorization case counts, and its words name no engine nor code', () => {
    const { evaluation } = authorizationWildcard();
    const actionable = evaluation.warnings.filter(callsForAction).length;
    expect(actionable).toBeGreaterThanOrEqual(2);
    expect(reasonLabel(evaluation)).toBe(`OK, ${actionable} warnings`);
    const difference = evaluation.warnings.find((w) => w.code === 'browser-difference');
    expect(difference && callsForAction(difference)).toBe(true);
    const words = describeWarning(difference as never);
    expect(words.detail).toBe('The Fetch standard would block this request.');
    expect(`${words.title} ${words.detail}`).not.toMatch(/engine|spec:|replay/);
  });
});

describe('times', () => {
  it.each([
    [27.287109375, '27 ms'],
    [0.4, '<1 ms'],
    [999.6, '1000 ms'],
    [1234, '1.2 s'],
    [65_000, '65 s'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('popup: reasons with counts per failing origin', () => {
  it('counts every reason of an origin, most frequent first', () => {
    const wrongOrigin = rec(
      ex({ url: `${API}/a`, response: res(200, { 'Access-Control-Allow-Origin': 'https://x.example' }) }),
    );
    const missing = () => rec(ex({ url: `${API}/b`, response: res(200, {}) }));
    const summary = summarizeTab(1, [wrongOrigin, missing(), missing(), missingAcao()], 0);
    const api = summary.topFailing.find((f) => f.origin === API);
    // missingAcao() is on the same origin: three without Allow-Origin, one mismatch.
    expect(api?.count).toBe(4);
    expect(api?.corsError).toBe('MissingAllowOriginHeader');
    expect(api?.reasons).toEqual([
      { code: 'MissingAllowOriginHeader', count: 3 },
      { code: 'AllowOriginMismatch', count: 1 },
    ]);
  });
});
