import { afterAll, describe, expect, it } from 'vitest';
import { APP, closeAll, httpServer, probe } from './support';

// Issue #15 item 3: fetch() throws on a URL with credentials (#dom-request: "If parsedURL
// includes credentials, then throw a TypeError"); Chromium 156 says "Request cannot be
// constructed from a URL that includes credentials". The probe reports the same and sends nothing.

afterAll(closeAll);

describe('a URL with a user name and password', () => {
  it('is refused before anything goes out: no request, no Authorization, exit 2', async () => {
    const { base, seen } = await httpServer((_req, res) =>
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end(),
    );
    const url = base.replace('http://', 'http://user:pw@');
    const result = await probe(`${url}/`, '--origin', APP);
    expect(seen).toHaveLength(0);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Request cannot be constructed from a URL that includes credentials/);
    expect(result.stderr).not.toContain('pw');
    expect(result.stderr).not.toContain('(no credentials)');
  });

  it('a user name alone is refused too', async () => {
    const { base, seen } = await httpServer((_req, res) => res.end());
    const result = await probe(`${base.replace('http://', 'http://apikey@')}/`, '--origin', APP);
    expect(seen).toHaveLength(0);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('apikey');
  });

  it('a redirect to such a URL fails as RedirectContainsCredentials, and nothing carries them', async () => {
    const { base, seen } = await httpServer((req, res) => {
      const allow = { 'Access-Control-Allow-Origin': '*' };
      if (req.url === '/hop') {
        const port = new URL(base).port;
        res.writeHead(302, { ...allow, Location: `http://user:pw@127.0.0.1:${port}/open` }).end();
      } else res.writeHead(200, allow).end();
    });
    const result = await probe(`${base}/hop`, '--origin', APP, '--json');
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as { profiles: Record<string, { corsError: string | null }> };
    expect(doc.profiles.chrome?.corsError).toBe('RedirectContainsCredentials');
    expect(seen.map((r) => r.url)).toEqual(['/hop']);
    expect(seen.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(result.stdout).not.toContain('pw@');
  });
});
