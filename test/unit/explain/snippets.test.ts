import { describe, expect, it } from 'vitest';
import { fixSnippets } from '../../../src/explain';
import type { CorsRecord } from '../../../src/shared/record';
import { APP, ex, h, pre, rec, res } from './fixtures';

const IDS = [
  'express',
  'fastify',
  'koa',
  'hono',
  'nginx',
  'apache',
  'caddy',
  'flask',
  'fastapi',
  'django',
  'go-rs-cors',
  'spring',
  'aspnet',
  's3',
];

/** A credentialed PATCH with two custom headers, blocked by its preflight. */
function credentialedPatch(origin = APP): CorsRecord {
  return rec(
    ex({
      initiatorOrigin: origin,
      method: 'PATCH',
      credentials: 'include',
      requestHeaders: h({
        Origin: origin,
        'X-Trace-Id': '1',
        'X-Tenant': 'acme',
        'Content-Type': 'application/json',
      }),
      preflights: [
        pre(res(204, { 'Access-Control-Allow-Origin': '*' }), {
          requestHeaders: h({
            Origin: origin,
            'Access-Control-Request-Method': 'PATCH',
            'Access-Control-Request-Headers': 'content-type,x-tenant,x-trace-id',
          }),
        }),
      ],
      response: undefined,
      networkError: 'net::ERR_FAILED',
    }),
  );
}

function assertSafe(code: string): void {
  // Never a wildcard origin, never reflecting whatever Origin arrives.
  expect(code).not.toMatch(/Allow-Origin[^\n]*\*/i);
  expect(code).not.toMatch(/AllowedOrigins[^\n]*\*/);
  expect(code).not.toMatch(/origin:\s*true/);
  expect(code).not.toMatch(/AllowAnyOrigin|allow_all_origins|CORS_ALLOW_ALL_ORIGINS|SetIsOriginAllowed/);
  if (code.includes('$http_origin')) expect(code).toMatch(/map \$http_origin/);
  expect(code).not.toMatch(/add_header Access-Control-Allow-Origin \$http_origin/);
}

describe('fixSnippets', () => {
  it('covers every stack, each with the exact origin, method and headers', () => {
    const record = credentialedPatch();
    expect(record.evaluation.verdict).toBe('blocked');
    const snippets = fixSnippets(record);
    expect(snippets.map((s) => s.id)).toEqual(IDS);
    for (const snippet of snippets) {
      expect(snippet.label.length).toBeGreaterThan(2);
      const origin = snippet.id === 'apache' ? APP.replace(/\./g, '\\.') : APP;
      expect(snippet.code, snippet.id).toContain(origin);
      expect(snippet.code, snippet.id).toContain('x-trace-id');
      expect(snippet.code, snippet.id).toContain('x-tenant');
      expect(snippet.code, snippet.id).toContain('content-type');
      if (snippet.id !== 's3') expect(snippet.code, snippet.id).toContain('PATCH');
      assertSafe(snippet.code);
    }
  });

  it('turns credentials on where the stack has a switch for it, never with a wildcard', () => {
    const byId = new Map(fixSnippets(credentialedPatch()).map((s) => [s.id, s.code]));
    expect(byId.get('express')).toContain('credentials: true');
    expect(byId.get('flask')).toContain('supports_credentials=True');
    expect(byId.get('fastapi')).toContain('allow_credentials=True');
    expect(byId.get('django')).toContain('CORS_ALLOW_CREDENTIALS = True');
    expect(byId.get('spring')).toContain('setAllowCredentials(true)');
    expect(byId.get('aspnet')).toContain('.AllowCredentials()');
    expect(byId.get('go-rs-cors')).toContain('AllowCredentials: true');
    expect(byId.get('nginx')).toContain('add_header Access-Control-Allow-Credentials $cors_lens_credentials');
    expect(byId.get('fastify')).toContain('credentials: true');
    expect(byId.get('koa')).toContain('credentials: true');
    expect(byId.get('hono')).toContain('credentials: true');
    expect(byId.get('apache')).toContain('Access-Control-Allow-Credentials "true"');
    const s3Snippet = fixSnippets(credentialedPatch()).find((s) => s.id === 's3');
    expect(s3Snippet?.label).toContain('S3 cannot allow PATCH');
    const s3 = JSON.parse(byId.get('s3') ?? 'null') as unknown;
    expect(s3).toEqual([
      {
        AllowedOrigins: [APP],
        AllowedMethods: ['GET'],
        AllowedHeaders: ['content-type', 'x-tenant', 'x-trace-id'],
      },
    ]);
  });

  it('leaves credentials off for an uncredentialed request', () => {
    const record = rec(ex({ response: res(200, {}), networkError: 'net::ERR_FAILED' }));
    for (const s of fixSnippets(record))
      expect(s.code).not.toMatch(/credentials\s*[:=]\s*(true|True)|AllowCredentials\(/i);
  });

  it('says so when the page origin is null, instead of allow-listing null', () => {
    const snippets = fixSnippets(credentialedPatch('null'));
    for (const s of snippets) {
      expect(s.code).not.toMatch(/"null"/);
      expect(`${s.label}\n${s.code}`).toContain('origin is null');
      // Apache's allow-list is a regex: the dot comes escaped.
      expect(s.code).toMatch(/https:\/\/your-app\\?\.example/);
    }
  });

  it('drops header names that are not HTTP tokens instead of pasting them into config', () => {
    const record = rec(
      ex({
        method: 'PUT',
        requestHeaders: h({ Origin: APP, 'X-Ok': '1' }),
        preflights: [
          pre(res(204, { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Methods': 'PUT' }), {
            requestHeaders: h({
              Origin: APP,
              'Access-Control-Request-Method': 'PUT',
              'Access-Control-Request-Headers': 'x-ok,x-"evil";drop',
            }),
          }),
        ],
        response: undefined,
        networkError: 'net::ERR_FAILED',
        requestHeadersSource: 'observed',
      }),
    );
    for (const s of fixSnippets(record)) {
      expect(s.code).not.toContain('evil');
      expect(s.code).toContain('x-ok');
    }
  });
});
