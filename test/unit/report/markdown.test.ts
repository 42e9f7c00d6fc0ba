import { describe, expect, it } from 'vitest';
import { buildReport, mdCode, mdFence, renderMarkdown } from '../../../src/report';
import type { CorsRecord } from '../../../src/shared/record';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { APP, credentialsWithoutAcac, ex, h, headerDisallowed, rec, res } from '../explain/fixtures';

const HOSTILE = 'a|b `tick` <img src=x onerror=alert(1)>';
const now = new Date('2026-11-23T10:00:00.000Z');

function hostileRecord(): CorsRecord {
  return rec(
    ex({
      url: `https://api.example/items?q=${HOSTILE}`,
      requestHeaders: h({ Origin: APP, 'X-Note': `\`\`\`\n${HOSTILE}` }),
      response: res(200, { 'Access-Control-Allow-Origin': HOSTILE }),
      networkError: 'net::ERR_FAILED',
    }),
  );
}

function render(records: CorsRecord[], redact = true): string {
  return renderMarkdown(
    buildReport(records, {
      redact,
      settings: DEFAULT_SETTINGS,
      extensionVersion: '0.1.0',
      browser: 'Chrome/156.0.0.0',
      now,
    }),
  );
}

/** Markdown with fenced blocks and code spans removed: what renders as prose and tables. */
function prose(markdown: string): string {
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence === null && opener !== undefined) fence = opener;
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null) kept.push(line);
  }
  expect(fence, 'every fence is closed').toBeNull();
  return kept.join('\n').replace(/(`+)(?:(?!\1).)+?\1/g, '');
}

describe('renderMarkdown', () => {
  it('has the sections a bug ticket needs', () => {
    const md = render([headerDisallowed(), credentialsWithoutAcac(), rec(ex())]);
    for (const section of [
      '# CORS Lens report',
      '## Environment',
      '## Pages',
      '## Summary',
      '## Failing requests',
      '#### Evidence',
      '#### Fix',
      '#### Reproduce',
    ]) {
      expect(md).toContain(section);
    }
    expect(md).toContain('- Browser: Chrome/156.0.0.0');
    expect(md).toContain('- Extension: CORS Lens 0.1.0');
    expect(md).toContain('- Generated at: 2026-11-23T10:00:00.000Z');
    expect(md).toContain('api.example did not allow the request header X-Trace-Id in its preflight answer');
    expect(md).toContain('`HeaderDisallowedByPreflightResponse` with `x-trace-id`');
    expect(md).toContain(
      '(<https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowHeaderFromPreflight>)',
    );
    expect(md).toContain("curl -i -X OPTIONS 'https://api.example/items'");
    expect(md).toContain('Access-Control-Allow-Headers: x-trace-id');
    expect(md).toContain('## Warnings on requests that worked');
    expect(md).toContain(
      '- What the server returned: the preflight got status 204; the actual request was never sent',
    );
  });

  it('shows what JavaScript saw against what the server returned', () => {
    const md = render([rec(ex({ response: res(503, {}), networkError: 'net::ERR_FAILED' }))]);
    expect(md).toContain('- What JavaScript saw: a network error');
    expect(md).toContain('- What the server returned: status 503, hidden from JavaScript by the block');
  });

  it('renders hostile values as text: escaped in prose and tables, fenced in evidence', () => {
    const md = render([hostileRecord()], false);
    const text = prose(md);
    expect(text).not.toMatch(/<img/i);
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    expect(rows.length).toBe(2); // header + one record (the separator starts with |---)
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
    expect(md).toContain('a\\|b \\`tick\\`');
    // The header value with a ``` line stays inside a longer fence.
    expect(md).toMatch(/````http\n[\s\S]*X-Note: ``` a\|b/);
  });

  it('redacts secrets in evidence and curl when the report is redacted', () => {
    const md = render([credentialsWithoutAcac()]);
    expect(md).not.toContain('s3cr3t');
    expect(md).toContain('Cookie: [REDACTED]');
  });
});

describe('markdown helpers', () => {
  it('code spans and fences outgrow backtick runs', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdFence('```\ninside\n```', 'sh')).toBe('````sh\n```\ninside\n```\n````');
  });
});
