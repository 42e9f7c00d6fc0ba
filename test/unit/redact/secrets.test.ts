import type { Har } from 'har-format';
import { describe, expect, it } from 'vitest';
import {
  isRandomToken,
  isSecretHeader,
  REDACTED,
  redactHarLog,
  redactHeaders,
  redactRecord,
  redactSecretsIn,
  redactUrl,
} from '../../../src/redact';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { API, APP, ex, h, rec, res } from '../explain/fixtures';

const S = DEFAULT_SETTINGS;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const RANDOM = 'q8Zr2LmX7vTa9KpW3nYb6HcJ4sFd1GeU';

describe('secret-looking values', () => {
  it('replaces a JWT wherever it appears in a value', () => {
    expect(redactSecretsIn(`token ${JWT} end`)).toBe(`token ${REDACTED} end`);
  });

  it('keeps the scheme of an Authorization-style value and hides the credentials', () => {
    expect(redactSecretsIn('Bearer abc.def')).toBe(`Bearer ${REDACTED}`);
    expect(redactSecretsIn('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
  });

  it('catches vendor key shapes', () => {
    for (const key of ['sk_live_51HxYzAbCdEf', 'ghp_abcdefghijklmnopqrstuvwx1234', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(redactSecretsIn(`x ${key} y`)).toBe(`x ${REDACTED} y`);
    }
  });

  it('catches long random tokens but not long ordinary words or repeated characters', () => {
    expect(isRandomToken(RANDOM)).toBe(true);
    expect(isRandomToken('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1')).toBe(false);
    expect(isRandomToken('access-control-allow-origin-and-more-words')).toBe(false);
    expect(isRandomToken('short9Token')).toBe(false);
    expect(redactSecretsIn(`id=${RANDOM}`)).toBe(`id=${REDACTED}`);
  });

  it('leaves CORS evidence alone', () => {
    for (const value of [APP, '*', 'GET, POST, PUT', 'content-type, x-api-key', 'true', '600', 'null']) {
      expect(redactSecretsIn(value)).toBe(value);
    }
  });
});

describe('header names', () => {
  it('redacts any header whose name holds token, secret, key, auth, session or csrf', () => {
    for (const name of [
      'X-CSRF-Token',
      'X-Session-Id',
      'X-Client-Secret',
      'Api-Key',
      'X-Auth-User',
      'CSRF',
    ]) {
      expect(isSecretHeader(name, S), name).toBe(true);
    }
    for (const name of ['Access-Control-Allow-Headers', 'Origin', 'Content-Type', 'Vary', 'Keep-Alive']) {
      expect(isSecretHeader(name, S), name).toBe(false);
    }
  });

  it('redacts a secret-looking value in an ordinary header and keeps the rest of the value', () => {
    const out = redactHeaders(h({ 'X-Trace': `v1 ${JWT}`, 'X-Session-Id': 'abc', Origin: APP }), S);
    expect(out).toEqual(h({ 'X-Trace': `v1 ${REDACTED}`, 'X-Session-Id': REDACTED, Origin: APP }));
  });
});

describe('URLs', () => {
  it('redacts the userinfo user name as well as the password', () => {
    expect(redactUrl('https://alice@api.example/x', S)).toBe(`https://${REDACTED}@api.example/x`);
    expect(redactUrl('https://alice:pw@api.example/x', S)).toBe(
      `https://${REDACTED}:${REDACTED}@api.example/x`,
    );
  });

  it('redacts key-like path segments and keeps the host and the other segments', () => {
    expect(redactUrl('https://api.example/v1/sk_live_51HxYzAbCdEf/charges', S)).toBe(
      `https://api.example/v1/${REDACTED}/charges`,
    );
    expect(redactUrl(`https://api.example/reset/${JWT}`, S)).toBe(`https://api.example/reset/${REDACTED}`);
  });

  it('redacts a secret-looking value under a parameter name that is not in the list', () => {
    expect(redactUrl(`https://api.example/x?page=2&t=${RANDOM}`, S)).toBe(
      `https://api.example/x?page=2&t=${REDACTED}`,
    );
  });
});

describe('records', () => {
  it('redacts secret-looking values in headers and trace values of a record', () => {
    const record = rec(
      ex({
        url: `${API}/v1/sk_live_51HxYzAbCdEf/charges`,
        requestHeaders: h({ Origin: APP, 'X-Session-Id': 's-1', 'X-Request': `Bearer ${RANDOM}` }),
        response: res(200, {}),
      }),
    );
    const text = JSON.stringify(redactRecord(record, S));
    expect(text).not.toContain('sk_live_51HxYzAbCdEf');
    expect(text).not.toContain('s-1');
    expect(text).not.toContain(RANDOM);
    expect(text).toContain(APP);
  });
});

describe('HAR documents', () => {
  const har: Har = {
    log: {
      version: '1.2',
      creator: { name: 't', version: '1' },
      entries: [
        {
          startedDateTime: '2026-01-01T00:00:00.000Z',
          time: 1,
          cache: {},
          timings: { send: 0, wait: 1, receive: 0 },
          request: {
            method: 'POST',
            url: `${API}/login?token=t-1&page=1`,
            httpVersion: 'HTTP/1.1',
            headers: [
              { name: 'Origin', value: APP },
              { name: 'Cookie', value: 'sid=c-1' },
            ],
            cookies: [{ name: 'sid', value: 'c-1' }],
            queryString: [
              { name: 'token', value: 't-1' },
              { name: 'page', value: '1' },
            ],
            postData: { mimeType: 'application/json', text: '{"password":"p-1"}' },
            headersSize: -1,
            bodySize: 18,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [
              { name: 'Set-Cookie', value: 'sid=c-2' },
              { name: 'Access-Control-Allow-Origin', value: APP },
            ],
            cookies: [{ name: 'sid', value: 'c-2' }],
            content: { size: 20, mimeType: 'application/json', text: '{"session":"b-1"}' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 20,
          },
        },
      ],
    },
  };

  it('redacts cookies arrays, bodies, query parameters, headers and URLs', () => {
    const out = redactHarLog(har, S);
    const text = JSON.stringify(out);
    for (const secret of ['c-1', 'c-2', 't-1', 'p-1', 'b-1']) expect(text, secret).not.toContain(secret);
    const entry = out.log.entries[0];
    expect(entry?.request.cookies).toEqual([{ name: 'sid', value: REDACTED }]);
    expect(entry?.request.queryString).toEqual([
      { name: 'token', value: REDACTED },
      { name: 'page', value: '1' },
    ]);
    expect(entry?.response.headers[1]).toEqual({ name: 'Access-Control-Allow-Origin', value: APP });
    expect(JSON.stringify(har)).toContain('c-1'); // input untouched
  });
});
