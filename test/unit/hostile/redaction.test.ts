import { afterAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/redact';
import { buildHar, buildReport, renderMarkdown } from '../../../src/report';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { ex, h, rec, res } from '../explain/fixtures';
import { APP, closeAll, explain, files, harText, httpServer, probe } from './support';

// Issue #15 item 5: one redaction (src/redact/) for everything printed or exported, with one
// switch (--no-redact in the CLI, the report's `redact` / redactByDefault in the extension).

const TOKEN = 'tok3nVALUEnotRandomEnough';
const SLACK = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx';
const SLACK_KEY = 'abcdefghijklmnopqrstuvwx';
const SECRETS = [TOKEN, SLACK_KEY, 'hunter2', 'Bearer s3cr3t'];

afterAll(closeAll);

const leaks = (text: string): string[] => SECRETS.filter((s) => text.includes(s));

/** A server that allows nothing: every check fails and prints its fix with the URL. */
const closed = () => httpServer((_req, res) => res.writeHead(200).end());

describe('cors-lens probe prints no secret', () => {
  it('text and --json: fix lines and the wire, URL tokens and Bearer headers', async () => {
    const { base } = await closed();
    const url = `${base}/items?access_token=${TOKEN}`;
    const auth = ['--header', 'Authorization: Bearer s3cr3t'];
    for (const extra of [[], ['--json'], ['--verbose']]) {
      const result = await probe(url, '--origin', APP, ...auth, ...extra);
      expect(result.code, extra.join()).toBe(1);
      expect(result.stdout).toContain('access_token=[REDACTED]');
      expect(leaks(result.stdout + result.stderr), extra.join()).toEqual([]);
    }
  });

  it('--config: the table, the JUnit and --json', async () => {
    const { base } = await closed();
    files.set(
      'secret.json',
      JSON.stringify({
        endpoints: [
          {
            url: `${base}/items?access_token=${TOKEN}`,
            allow: { origins: [APP], headers: ['Authorization: Bearer s3cr3t'] },
          },
          { url: `${base}/services/T0123ABCD/B0456EFGH/${SLACK_KEY}`, allow: { origins: [APP] } },
        ],
      }),
    );
    const table = await probe('--config', 'secret.json', '--junit', 'secret.xml');
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('Fix:');
    expect(leaks(table.stdout + table.stderr)).toEqual([]);
    expect(leaks(files.get('secret.xml') ?? '')).toEqual([]);
    const json = await probe('--config', 'secret.json', '--json');
    expect(json.stdout).toContain('[REDACTED]');
    expect(leaks(json.stdout)).toEqual([]);
  });

  it('--no-redact shows them, everywhere', async () => {
    const { base } = await closed();
    const result = await probe(`${base}/x?access_token=${TOKEN}`, '--origin', APP, '--no-redact', '--json');
    expect(result.stdout).toContain(TOKEN);
  });
});

describe('cors-lens explain prints no secret', () => {
  const har = harText([
    {
      url: `https://api.example/a?access_token=${TOKEN}`,
      requestHeaders: [{ name: 'Authorization', value: 'Bearer s3cr3t' }],
    },
    { url: 'https://user:hunter2@api.example/b' },
    { url: SLACK },
  ]);

  it.each([[[]], [['--all']], [['--json']], [['--format', 'markdown']]])('%j', async (argv) => {
    const result = await explain(har, ...argv);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[REDACTED]');
    expect(leaks(result.stdout + result.stderr)).toEqual([]);
  });

  it('--no-redact keeps them', async () => {
    const result = await explain(har, '--json', '--no-redact');
    expect(result.stdout).toContain(TOKEN);
    expect(result.stdout).toContain(SLACK_KEY);
  });
});

describe('webhook URLs whose path is the secret', () => {
  it.each([
    [SLACK, 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/[REDACTED]'],
    [
      'https://hooks.slack.com/workflows/T0123ABCD/A0456EFGH/123456789/abcdefghijklmnopqrstuvwx',
      'https://hooks.slack.com/workflows/T0123ABCD/A0456EFGH/123456789/[REDACTED]',
    ],
    [
      'https://discord.com/api/webhooks/123456789012345678/AbCdEf-ghij_klmnop',
      'https://discord.com/api/webhooks/123456789012345678/[REDACTED]',
    ],
    [
      'https://x.webhook.office.com/webhookb2/a@b/IncomingWebhook/0123abcd/owner',
      'https://x.webhook.office.com/webhookb2/a@b/IncomingWebhook/[REDACTED]/owner',
    ],
    [
      'https://api.telegram.org/bot123456:ABC-DEF1234ghIkl/sendMessage',
      'https://api.telegram.org/bot123456:[REDACTED]/sendMessage',
    ],
    [
      'https://hooks.zapier.com/hooks/catch/123456/abcdef/',
      'https://hooks.zapier.com/hooks/catch/123456/[REDACTED]/',
    ],
    ['https://chat.example/hooks/abcdefghijklmnopqrstuvwxyz', 'https://chat.example/hooks/[REDACTED]'],
    [
      'https://maker.ifttt.com/trigger/ev/with/key/abcdefgh',
      'https://maker.ifttt.com/trigger/ev/with/key/[REDACTED]',
    ],
    ['https://api.github.com/repos/o/r/hooks/123', 'https://api.github.com/repos/o/r/hooks/123'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url, DEFAULT_SETTINGS)).toBe(expected);
  });

  it('the extension exports (JSON, Markdown, HAR) redact a Slack webhook, unless told not to', () => {
    const record = rec(
      ex({
        url: SLACK,
        method: 'POST',
        requestHeaders: h({ Origin: APP, 'Content-Type': 'text/plain', Referer: SLACK }),
        response: res(200, {}),
        networkError: 'net::ERR_FAILED',
      }),
    );
    const report = (redact: boolean) =>
      buildReport([record], { redact, settings: DEFAULT_SETTINGS, extensionVersion: 't' });
    for (const text of [
      JSON.stringify(report(true)),
      renderMarkdown(report(true)),
      JSON.stringify(buildHar(report(true))),
    ])
      expect(text).not.toContain(SLACK_KEY);
    expect(JSON.stringify(report(false))).toContain(SLACK_KEY);
  });
});
