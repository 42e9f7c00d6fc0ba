import { describe, expect, it } from 'vitest';
import { corsPolicies, fixSnippets, policyFor, policySnippets } from '../../../src/explain';
import type { CorsRecord } from '../../../src/shared/record';
import { API, APP, ex, h, pre, rec, res } from './fixtures';

const OTHER = 'https://admin.example';
/** What `app.use(cors())` answers a preflight with. */
const CORS_DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

function preflighted(method: string, origin = APP, extra: Record<string, string> = {}): CorsRecord {
  return rec(
    ex({
      initiatorOrigin: origin,
      method,
      requestHeaders: h({ Origin: origin, 'Content-Type': 'application/json' }),
      preflights: [
        pre(
          res(204, {
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Methods': CORS_DEFAULT_METHODS,
            'Access-Control-Allow-Headers': 'content-type',
            ...extra,
          }),
          {
            requestHeaders: h({
              Origin: origin,
              'Access-Control-Request-Method': method,
              'Access-Control-Request-Headers': 'content-type',
            }),
          },
        ),
      ],
      response: res(200, { 'Access-Control-Allow-Origin': '*' }),
    }),
  );
}

/** A credentialed GET against `cors()`: `*` with credentials, blocked. */
function credentialedGet(origin = APP): CorsRecord {
  return rec(
    ex({
      initiatorOrigin: origin,
      credentials: 'include',
      requestHeaders: h({ Origin: origin, Cookie: 'sid=1' }),
      response: res(200, { 'Access-Control-Allow-Origin': '*', 'X-Powered-By': 'Express' }),
    }),
  );
}

describe('corsPolicy', () => {
  it('keeps the PUT and DELETE that worked when it fixes a credentialed GET', () => {
    const put = preflighted('PUT');
    const del = preflighted('DELETE');
    const get = credentialedGet();
    expect([put, del, get].map((r) => r.evaluation.verdict)).toEqual(['allowed', 'allowed', 'blocked']);
    const policy = policyFor(get, [put, del]);
    expect(policy.methods).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
    expect(policy.credentials).toBe(true);
    expect(policy.headers).toEqual(['content-type']);
    expect(policy.covers.map((c) => `${c.method} ${c.verdict}`)).toEqual([
      'GET blocked',
      'PUT allowed',
      'DELETE allowed',
    ]);
    const express = fixSnippets(get, [put, del]).find((s) => s.id === 'express')?.code ?? '';
    expect(express).toContain('methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]');
    // Alone, the same record only needs GET: the policy is what keeps the others.
    expect(policyFor(get).methods).toEqual(['GET']);
  });

  it('keeps simple methods in the list (rs/cors refuses an unlisted GET)', () => {
    const get = credentialedGet();
    const put = preflighted('PUT');
    const go = fixSnippets(put, [get]).find((s) => s.id === 'go-rs-cors')?.code ?? '';
    expect(go).toMatch(/AllowedMethods: \[\]string\{"GET", [^}]*"PUT"/);
  });

  it('allow-lists every origin that called, and only those', () => {
    const policies = corsPolicies([credentialedGet(APP), preflighted('PUT', OTHER)]);
    expect(policies).toHaveLength(1);
    expect(policies[0]?.server).toBe(API);
    expect(policies[0]?.origins).toEqual([OTHER, APP].sort());
    for (const s of policySnippets(policies[0] as NonNullable<(typeof policies)[0]>)) {
      expect(s.code).not.toContain('evil.example');
      expect(s.code).not.toMatch(/Allow-Origin[^\n]*\*|origin:\s*true|"\*"/);
    }
  });

  it('grants no Max-Age the server did not send, and keeps the one it did', () => {
    const none = policySnippets(policyFor(preflighted('PUT')));
    for (const s of none) expect(s.code, s.id).not.toMatch(/max.?age/i);
    const sent = policySnippets(policyFor(preflighted('PUT', APP, { 'Access-Control-Max-Age': '7200' })));
    for (const s of sent.filter((x) => x.id !== 'django' && x.id !== 'aspnet')) {
      expect(s.code, s.id).toMatch(/max.?age(seconds)?\W+7200/i);
    }
  });

  it('exposes no header nobody asked for, and keeps those the server exposed', () => {
    const get = credentialedGet();
    expect(get.evaluation.exposedHeaders.hidden).toContain('x-powered-by');
    for (const s of fixSnippets(get)) expect(s.code, s.id).not.toMatch(/x-powered-by|expose/i);
    const exposed = rec(
      ex({
        response: res(200, {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Expose-Headers': 'X-Total-Count',
        }),
      }),
    );
    const policy = policyFor(get, [exposed]);
    expect(policy.exposeHeaders).toEqual(['x-total-count']);
  });

  it('covers every path of the server, not the selected one only', () => {
    const a = credentialedGet();
    const b = rec(ex({ url: `${API}/users/7`, response: res(200, { 'Access-Control-Allow-Origin': APP }) }));
    const other = rec(ex({ url: 'https://cdn.example/x', response: res(200, {}) }));
    const policy = policyFor(a, [b, other]);
    expect(policy.paths).toEqual(['/items', '/users/7']);
    expect(policy.covers).toHaveLength(2);
    const nginx = policySnippets(policy).find((s) => s.id === 'nginx')?.code ?? '';
    expect(nginx).not.toMatch(/^location /m);
  });
});

describe('snippets from a policy', () => {
  const duplicate = rec(
    ex({
      response: res(200, { 'Access-Control-Allow-Origin': [APP, '*'] }),
    }),
  );

  it('remove the duplicate Allow-Origin with each server directive', () => {
    expect(duplicate.evaluation.verdict).toBe('blocked');
    const byId = new Map(fixSnippets(duplicate).map((s) => [s.id, s.code]));
    expect(byId.get('nginx')).toContain('proxy_hide_header Access-Control-Allow-Origin;');
    expect(byId.get('apache')).toContain('Header unset Access-Control-Allow-Origin');
    expect(byId.get('caddy')).toContain('header_down -Access-Control-Allow-Origin');
    for (const id of ['express', 'fastify', 'koa', 'hono', 'flask', 'fastapi', 'django', 'go-rs-cors']) {
      expect(byId.get(id), id).toContain('Another layer');
    }
    for (const s of fixSnippets(credentialedGet())) {
      expect(s.code, s.id).not.toMatch(/proxy_hide_header|Header unset|header_down|Another layer/);
    }
  });

  it('carry each stack’s caveat in the snippet', () => {
    const byId = new Map(fixSnippets(credentialedGet()).map((s) => [s.id, s.code]));
    expect(byId.get('fastapi')).toContain('ServerErrorMiddleware');
    expect(byId.get('express')).toMatch(/error handler registered before cors\(\)/);
    expect(byId.get('django')).toMatch(/CorsMiddleware" in MIDDLEWARE as high as possible/);
    expect(byId.get('nginx')).toMatch(/`always`/);
    expect(byId.get('nginx')).toMatch(/inside `if`/);
    expect(byId.get('spring')).toContain('http.cors(');
  });

  it('use names that do not collide with the common recipes', () => {
    const caddy = fixSnippets(credentialedGet()).find((s) => s.id === 'caddy')?.code ?? '';
    expect(caddy).not.toMatch(/@cors_preflight\b/);
    expect(caddy).toContain('@cors_lens_preflight');
    const nginx = fixSnippets(credentialedGet()).find((s) => s.id === 'nginx')?.code ?? '';
    expect(nginx).not.toMatch(/\$cors_origin\b|\$cors_allow_origin\b/);
  });

  it('render Spring, ASP.NET Core and S3 from the policy (not proven on a real server here)', () => {
    const put = preflighted('PUT');
    const byId = new Map(fixSnippets(credentialedGet(), [put]).map((s) => [s.id, s.code]));
    expect(byId.get('spring')).toContain(
      'config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));',
    );
    expect(byId.get('spring')).toContain('registerCorsConfiguration("/**", config)');
    expect(byId.get('aspnet')).toContain('.WithOrigins("https://app.example")');
    expect(byId.get('aspnet')).toContain('.AllowCredentials()');
    expect(byId.get('aspnet')).not.toContain('SetPreflightMaxAge');
    expect(JSON.parse(byId.get('s3') ?? 'null')).toEqual([
      {
        AllowedOrigins: [APP],
        AllowedMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
        AllowedHeaders: ['content-type'],
      },
    ]);
  });
});
