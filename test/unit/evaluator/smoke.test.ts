import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluator/evaluate';
import { API, APP, ex, h, pre, res } from './fixtures';

describe('evaluate smoke', () => {
  it('basic: ACAO equal to origin allows', () => {
    const e = evaluate(ex(), { profile: 'chrome' });
    expect(e.verdict).toBe('allowed');
    expect(e.corsError).toBeNull();
  });
  it('basic: missing ACAO blocks with MissingAllowOriginHeader', () => {
    const e = evaluate(ex({ response: res(200), networkError: 'net::ERR_FAILED' }), { profile: 'chrome' });
    expect(e.verdict).toBe('blocked');
    expect(e.corsError).toBe('MissingAllowOriginHeader');
    expect(e.firefoxReason).toBe('CORSMissingAllowOrigin');
  });
  it('preflight: PUT not in ACAM', () => {
    const e = evaluate(
      ex({
        method: 'PUT',
        requestHeaders: h({ Origin: APP, 'X-Trace': '1' }),
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Headers': 'x-trace' })),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
      { profile: 'chrome' },
    );
    expect(e.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(e.failedParameter).toBe('PUT');
    expect(e.fix[0]?.setHeaders).toContainEqual({ name: 'Access-Control-Allow-Methods', value: 'PUT' });
    expect(API).toBeTruthy();
  });
});
