import { afterAll, describe, expect, it } from 'vitest';
import { APP, closeAll, drip, files, probe, rawServer } from './support';

// Issue #15 items 1 and 9: --timeout is a hard deadline per request, --max-time bounds the run.
// Slack for a loaded two-core machine: the bound plus this must hold.
const SLACK_MS = 2_500;

afterAll(closeAll);

/** One header byte every 100 ms, forever: never idle, never done. */
const trickle = () =>
  rawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
    drip(socket, 'a', 100);
  });

/** `102 Processing` every 100 ms, forever, after the request came in. */
const processing = () =>
  rawServer((socket) =>
    socket.once('data', () => {
      socket.write('HTTP/1.1 102 Processing\r\n\r\n');
      drip(socket, 'HTTP/1.1 102 Processing\r\n\r\n', 100);
    }),
  );

describe('the probe ends at --timeout, whatever trickles in', () => {
  it('a header byte every 100 ms: one error line at the deadline, exit 2', { timeout: 20_000 }, async () => {
    const url = await trickle();
    const result = await probe(`${url}/`, '--origin', APP, '--timeout', '1000');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did not answer within 1000 ms/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.ms).toBeGreaterThanOrEqual(950);
    expect(result.ms).toBeLessThan(1_000 + SLACK_MS);
  });

  it('an endless run of 102 Processing: ends at the deadline and says so', { timeout: 20_000 }, async () => {
    const url = await processing();
    const result = await probe(`${url}/`, '--origin', APP, '--timeout', '1000');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did not answer within 1000 ms .*interim 1xx answers, no final one/);
    expect(result.ms).toBeLessThan(1_000 + SLACK_MS);
  });

  it('--max-time bounds the whole run below --timeout', { timeout: 20_000 }, async () => {
    const url = await trickle();
    const result = await probe(`${url}/`, '--origin', APP, '--timeout', '60000', '--max-time', '800');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the whole run took longer than --max-time 800 ms/);
    expect(result.ms).toBeLessThan(800 + SLACK_MS);
  });

  it('--config: --max-time ends the run; every check left is an error in the JUnit', {
    timeout: 20_000,
  }, async () => {
    const url = await trickle();
    const endpoints = [1, 2, 3, 4].map((n) => ({ url: `${url}/e${n}`, allow: { origins: [APP] } }));
    files.set('slow.json', JSON.stringify({ endpoints }));
    const result = await probe(
      '--config',
      'slow.json',
      '--timeout',
      '600',
      '--max-time',
      '1500',
      '--junit',
      'slow.xml',
    );
    expect(result.code).toBe(2);
    // 600 ms each would be 2.4 s: the run stops at 1.5 s.
    expect(result.ms).toBeLessThan(1_500 + SLACK_MS);
    const junit = files.get('slow.xml') ?? '';
    expect(junit).toContain('tests="4" failures="0" errors="4"');
    expect(junit).toMatch(/--max-time 1500 ms/);
    expect(result.stdout).toContain('4 checks: 0 held, 0 failed, 4 errors');
  });
});

describe('bounds a user can mean', () => {
  it.each([
    ['--timeout', '99999999999', /--timeout: at most 600000 ms/],
    ['--max-time', '99999999999', /--max-time: at most 3600000 ms/],
    ['--max-time', '0', /--max-time needs milliseconds/],
  ])('%s %s is refused with one clear line', async (name, value, message) => {
    const result = await probe('http://127.0.0.1:9/', '--origin', APP, name, value);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });
});
