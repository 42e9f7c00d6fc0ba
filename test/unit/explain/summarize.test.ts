import { describe, expect, it } from 'vitest';
import { codeLabel, describeFix, reasonLabel, summarize } from '../../../src/explain';
import {
  API,
  APP,
  credentialsWithoutAcac,
  ex,
  h,
  headerDisallowed,
  missingAllowOrigin,
  pre,
  rec,
  res,
} from './fixtures';

describe('summarize on real evaluations', () => {
  it('names the disallowed header as the page spelled it', () => {
    const record = headerDisallowed();
    expect(record.evaluation.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(summarize(record)).toBe(
      'api.example did not allow the request header X-Trace-Id in its preflight answer',
    );
    expect(reasonLabel(record.evaluation)).toBe('Header not allowed: x-trace-id');
  });

  it('explains a missing Access-Control-Allow-Origin', () => {
    expect(summarize(missingAllowOrigin())).toBe(
      `api.example answered without Access-Control-Allow-Origin, so the browser hid the response from ${APP}`,
    );
    expect(reasonLabel(missingAllowOrigin().evaluation)).toBe('Missing Allow-Origin');
  });

  it('explains missing Access-Control-Allow-Credentials', () => {
    const record = credentialsWithoutAcac();
    expect(record.evaluation.corsError).toBe('InvalidAllowCredentials');
    expect(summarize(record)).toBe(
      `api.example allows ${APP}, but the request carried credentials and the answer lacks Access-Control-Allow-Credentials: true`,
    );
  });

  it('names the method a preflight did not allow', () => {
    const record = rec(
      ex({
        method: 'DELETE',
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'GET, POST' })),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(record.evaluation.corsError).toBe('MethodDisallowedByPreflightResponse');
    expect(summarize(record)).toContain('did not allow the method DELETE');
    expect(reasonLabel(record.evaluation)).toBe('Method not allowed: DELETE');
  });

  it('quotes a mismatching Allow-Origin value', () => {
    const record = rec(
      ex({
        response: res(200, { 'Access-Control-Allow-Origin': 'https://other.example' }),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(summarize(record)).toBe(
      `api.example allows https://other.example, not ${APP}, so the browser hid the response`,
    );
  });

  it('gives the preflight status', () => {
    const record = rec(
      ex({
        method: 'PUT',
        preflights: [pre(res(404, { 'Access-Control-Allow-Origin': APP }))],
        response: undefined,
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(record.evaluation.corsError).toBe('PreflightInvalidStatus');
    expect(summarize(record)).toContain('status 404');
  });

  it('explains opaque, CORP, network errors, pending and allowed', () => {
    const opaque = rec(ex({ mode: 'no-cors', requestHeaders: [], response: res(200) }));
    expect(opaque.evaluation.verdict).toBe('opaque');
    expect(summarize(opaque)).toContain('opaque response');
    expect(reasonLabel(opaque.evaluation)).toBe('Opaque (no-cors)');

    const corp = rec(
      ex({
        mode: 'no-cors',
        requestHeaders: [],
        response: res(200, { 'Cross-Origin-Resource-Policy': 'same-origin' }),
      }),
    );
    expect(corp.evaluation.blockedReason).toBe('corp-not-same-origin');
    expect(summarize(corp)).toContain('Cross-Origin-Resource-Policy: same-origin');

    const refused = rec(ex({ response: undefined, networkError: 'net::ERR_CONNECTION_REFUSED' }));
    expect(refused.evaluation.corsError).toBeNull();
    expect(summarize(refused)).toBe(
      'The request to api.example failed with net::ERR_CONNECTION_REFUSED, which is not a CORS error',
    );
    expect(reasonLabel(refused.evaluation)).toBe('Network error (not CORS)');

    expect(summarize({ ...refused, pending: true })).toBe('The request to api.example is still in flight');

    const ok = rec(ex({ response: res(200, { 'Access-Control-Allow-Origin': '*' }) }));
    expect(ok.evaluation.warnings).toEqual([]);
    expect(summarize(ok)).toBe(`api.example allowed this request from ${APP}`);
    expect(reasonLabel(ok.evaluation)).toBe('OK');

    const warned = rec(ex({ response: res(200, { 'Access-Control-Allow-Origin': APP }) }));
    expect(warned.evaluation.warnings.map((w) => w.code)).toContain('missing-vary-origin');
    expect(summarize(warned)).toContain('with a warning: Origin-dependent answer without Vary: Origin');
  });
});

describe('summarize on origin details', () => {
  it('explains tainting after a cross-origin redirect, a trailing slash, and a null page origin', () => {
    const tainted = rec(
      ex({
        redirects: [
          {
            url: `${API}/items`,
            requestHeaders: h({ Origin: APP }),
            response: res(302, { 'Access-Control-Allow-Origin': APP }),
            location: 'https://cdn.example/b',
          },
        ],
        response: res(200, { 'Access-Control-Allow-Origin': APP }),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(summarize(tainted)).toBe(
      `After a cross-origin redirect the request's origin is null, not ${APP}, and cdn.example allows only ${APP}; allowing ${APP} cannot help here: answer with Access-Control-Allow-Origin: * (no credentials), or have the page call the redirect's target directly`,
    );
    // Every origin sentence after tainting names null, never the page's origin as the one to allow.
    const missing = rec(
      ex({
        credentials: 'include',
        redirects: tainted.exchange.redirects.map((r) => ({
          ...r,
          response: res(302, {
            'Access-Control-Allow-Origin': APP,
            'Access-Control-Allow-Credentials': 'true',
          }),
        })),
        response: res(200, {}),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(missing.evaluation.corsError).toBe('MissingAllowOriginHeader');
    expect(summarize(missing)).toContain("the request's origin is null, not");
    expect(summarize(missing)).toContain(
      'Access-Control-Allow-Origin: null with Access-Control-Allow-Credentials: true',
    );
    expect(summarize(missing)).not.toContain('hid the response from');
    const slash = rec(
      ex({
        response: res(200, { 'Access-Control-Allow-Origin': `${APP}/` }),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(summarize(slash)).toBe(
      `api.example allows ${APP}/, which differs from ${APP} by a trailing slash`,
    );
    const sandboxed = rec(
      ex({
        initiatorOrigin: 'null',
        requestHeaders: h({ Origin: 'null' }),
        response: res(200),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(summarize(sandboxed)).toContain('from a page with a null origin');
    const wildcard = rec(
      ex({
        credentials: 'include',
        response: res(200, { 'Access-Control-Allow-Origin': '*' }),
        networkError: 'net::ERR_FAILED',
      }),
    );
    expect(wildcard.evaluation.corsError).toBe('WildcardOriginNotAllowed');
    expect(summarize(wildcard)).toContain(`needs the exact origin ${APP}`);
  });
});

describe('describeFix', () => {
  it('says which response gets which headers', () => {
    const [preflightFix, responseFix] = headerDisallowed().evaluation.fix;
    expect(preflightFix).toBeDefined();
    expect(responseFix).toBeDefined();
    if (preflightFix === undefined || responseFix === undefined) return;
    const text = describeFix(preflightFix);
    expect(text.startsWith(`On the OPTIONS response of ${API}/items, send: `)).toBe(true);
    expect(text).toContain('Access-Control-Allow-Headers: x-trace-id');
    expect(describeFix(responseFix)).toContain(`On the PUT response of ${API}/items`);
  });

  it('words page-side changes, statuses and removals', () => {
    expect(
      describeFix({
        on: 'request',
        url: `${API}/x`,
        method: 'GET',
        setHeaders: [],
        removeHeaders: [],
        pageChange: 'drop-userinfo',
      }),
    ).toContain("In the page's code for GET");
    const text = describeFix({
      on: 'preflight',
      url: `${API}/x`,
      method: 'OPTIONS',
      setHeaders: h({ 'Access-Control-Allow-Origin': APP }),
      removeHeaders: ['Access-Control-Allow-Origin'],
      status: 204,
    });
    expect(text).toContain('answer with status 204');
    expect(text).toContain('stop sending: Access-Control-Allow-Origin');
  });
});

describe('codeLabel', () => {
  it('words a reason code without its parameter, and names CORP and network errors', () => {
    expect(codeLabel('HeaderDisallowedByPreflightResponse')).toBe('Header not allowed');
    expect(codeLabel('MissingAllowOriginHeader')).toBe(reasonLabel(missingAllowOrigin().evaluation));
    expect(codeLabel('corp-not-same-site')).toBe('CORP: same-site only');
    expect(codeLabel(null)).toBe('Network error (not CORS)');
    expect(codeLabel('NotACode')).toBe('NotACode');
  });
});
