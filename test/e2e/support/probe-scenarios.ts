import { main } from '../../../src/cli/cors-lens';
import type { ProbeIo } from '../../../src/cli/probe/command';
import { nodeSend } from '../../../src/cli/probe/http';
import { isForbiddenRequestHeaderName } from '../../../src/evaluator/safelist';
import type { Scenario } from '../scenarios/types';
import type { BrowserDecision } from './cdp';
import type { ScenarioServer } from './server';

/**
 * The scenarios `cors-lens probe` can stand in for: fetch() and XHR in CORS mode that follow
 * redirects, sent once (the preflight-cache family repeats a call; an XHR upload listener
 * forces a preflight no command-line request can ask for). The rest (no-cors loads, modes
 * same-origin/manual) are not what the probe does, and are counted as such, never hidden.
 */
export function probeable(s: Scenario): boolean {
  const a = s.action;
  if (a.kind === 'xhr') return a.uploadListener !== true;
  if (a.kind !== 'fetch') return false;
  return (a.mode ?? 'cors') === 'cors' && (a.redirect ?? 'follow') === 'follow' && (a.repeat ?? 1) === 1;
}

/** The command line that asks for what the page asked for. */
export function probeArgv(s: Scenario, server: ScenarioServer): string[] {
  const a = s.action;
  if (a.kind !== 'fetch' && a.kind !== 'xhr') throw new Error(`${s.id}: not probeable`);
  const argv = ['probe', server.fill(a.url), '--origin', server.page, '--json', '--timeout', '5000'];
  if (a.method !== undefined) argv.push('--method', a.method);
  // The browser drops forbidden names silently; the command refuses them, so leave them out.
  const headers = (a.headers ?? []).filter(([name]) => !isForbiddenRequestHeaderName(name.toLowerCase()));
  // A string body makes fetch and XHR add this Content-Type when the page set none.
  if (a.body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  }
  for (const [name, value] of headers) argv.push('--header', `${name}: ${server.fill(value)}`);
  const credentials = a.kind === 'fetch' ? a.credentials === 'include' : a.withCredentials === true;
  if (credentials) argv.push('--credentials');
  return argv;
}

const io: ProbeIo = {
  send: nodeSend,
  readText: () => '',
  writeText: () => undefined,
  progress: () => undefined,
  now: () => 0,
};

interface ProfileJson {
  readonly verdict: BrowserDecision['verdict'];
  readonly corsError: string | null;
  readonly failedParameter: string | null;
  readonly blockedReason: string | null;
}

/** The probe's decision per profile for one scenario, through the real command. */
export async function probeScenario(
  s: Scenario,
  server: ScenarioServer,
): Promise<Record<string, ProfileJson>> {
  const result = await main(probeArgv(s, server), () => '', io);
  if (result.code === 2) throw new Error(`${s.id}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { profiles: Record<string, ProfileJson> }).profiles;
}

/** `verdict code parameter`, the shape both suites print. */
export const showDecision = (d: Omit<ProfileJson, 'verdict'> & { verdict: string }): string =>
  [d.verdict, d.corsError ?? d.blockedReason ?? '-', d.failedParameter ?? ''].join(' ').trim();
