import { describe, expect, it } from 'vitest';
import { REDACTED, redactRecord, redactUrl } from '../../../src/redact';
import type { CorsRecord } from '../../../src/shared/record';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { API, APP, ex, h, pre, rec, res } from '../explain/fixtures';

const SECRETS = [
  's3cr3t-cookie',
  'Bearer tok-123',
  'k-999',
  'qs-token',
  'frag-token',
  'loc-sig',
  'doc-code',
  'pw-456',
  'set-me',
];

function secretRecord(): CorsRecord {
  return rec(
    ex({
      method: 'PUT',
      url: `${API}/items?ACCESS_TOKEN=qs-token&page=2#id_token=frag-token&state=ok`,
      requestHeaders: h({
        Origin: APP,
        Cookie: 'session=s3cr3t-cookie',
        Authorization: 'Bearer tok-123',
        'X-Api-Key': 'k-999',
        'X-Keep': 'visible',
      }),
      preflights: [
        pre(
          res(204, {
            'Access-Control-Allow-Origin': APP,
            'Access-Control-Allow-Methods': 'PUT',
            'Access-Control-Allow-Headers': 'authorization, x-api-key, x-keep',
          }),
          {
            url: `${API}/items?ACCESS_TOKEN=qs-token&page=2`,
          },
        ),
      ],
      redirects: [
        {
          url: `${API}/items?ACCESS_TOKEN=qs-token&page=2`,
          requestHeaders: h({ Origin: APP, Authorization: 'Bearer tok-123' }),
          response: res(302, { 'Access-Control-Allow-Origin': APP, 'Set-Cookie': 'a=set-me' }),
          location: `https://user:pw-456@cdn.example/next?sig=loc-sig&v=1`,
        },
      ],
      response: res(200, { 'Access-Control-Allow-Origin': APP, 'Set-Cookie': 'b=set-me' }),
    }),
    {
      documentUrl: `${APP}/page?code=doc-code&tab=1`,
      call: {
        api: 'fetch',
        url: `${API}/items?access_token=qs-token`,
        method: 'PUT',
        headerNames: ['authorization'],
      },
    },
  );
}

describe('redactRecord', () => {
  it('replaces every secret header value and token parameter everywhere', () => {
    const record = secretRecord();
    const text = JSON.stringify(record);
    for (const secret of SECRETS) expect(text, `fixture must contain ${secret}`).toContain(secret);
    const redacted = JSON.stringify(redactRecord(record, DEFAULT_SETTINGS));
    for (const secret of SECRETS) expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it('leaves everything else intact', () => {
    const out = redactRecord(secretRecord(), DEFAULT_SETTINGS);
    expect(out.exchange.url).toBe(`${API}/items?ACCESS_TOKEN=[REDACTED]&page=2#id_token=[REDACTED]&state=ok`);
    expect(out.exchange.requestHeaders).toEqual(
      h({
        Origin: APP,
        Cookie: REDACTED,
        Authorization: REDACTED,
        'X-Api-Key': REDACTED,
        'X-Keep': 'visible',
      }),
    );
    expect(out.exchange.redirects[0]?.location).toBe(
      'https://[REDACTED]:[REDACTED]@cdn.example/next?sig=[REDACTED]&v=1',
    );
    expect(out.documentUrl).toBe(`${APP}/page?code=[REDACTED]&tab=1`);
    expect(out.exchange.preflights[0]?.response?.headers).toContainEqual({
      name: 'Access-Control-Allow-Headers',
      value: 'authorization, x-api-key, x-keep',
    });
    expect(out.evaluation.verdict).toBe(secretRecord().evaluation.verdict);
  });

  it('never mutates its input', () => {
    const record = secretRecord();
    const before = structuredClone(record);
    redactRecord(record, DEFAULT_SETTINGS);
    expect(record).toEqual(before);
  });

  it('keeps URLs parseable and matches parameter names case-insensitively and percent-decoded', () => {
    const settings = { redactHeaders: [], redactParams: ['api_key'] };
    const url = redactUrl('https://x.example/a?API%5Fkey=1&b=2&api_key&c=api_key=3', settings);
    expect(url).toBe('https://x.example/a?API%5Fkey=[REDACTED]&b=2&api_key&c=api_key=3');
    expect(new URL(url).searchParams.get('b')).toBe('2');
    expect(redactUrl('/relative?token=x', { redactHeaders: [], redactParams: ['TOKEN'] })).toBe(
      '/relative?token=[REDACTED]',
    );
    expect(redactUrl('not a url %%', DEFAULT_SETTINGS)).toBe('not a url %%');
    expect(redactUrl('https://app.example/#/callback?code=abc&state=1', DEFAULT_SETTINGS)).toBe(
      'https://app.example/#/callback?code=[REDACTED]&state=1',
    );
  });

  it('uses the configured lists', () => {
    const record = rec(ex({ requestHeaders: h({ Origin: APP, 'X-Custom-Secret': 'zzz', Cookie: 'c=1' }) }));
    const out = redactRecord(record, { redactHeaders: ['x-custom-secret'], redactParams: [] });
    expect(out.exchange.requestHeaders).toEqual(
      h({ Origin: APP, 'X-Custom-Secret': REDACTED, Cookie: 'c=1' }),
    );
  });
});
