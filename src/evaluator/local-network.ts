import { type AddressSpace, addressSpaceOf, type ClassifiedSpace, isLessPublic } from './address-space';
import type { Failure, Pass } from './context';
import { stepsIn } from './context';
import type { ParsedUrl } from './origin';
import type { CorsErrorCode, ObservedExchange } from './types';

// Local Network Access (https://wicg.github.io/local-network-access/), as Chromium 156 checks it
// in services/network/local_network_access_checker.cc before a request reaches the server. The
// browser's verdict is seen, not guessed: webRequest reports these errors (no request left the
// browser); the replay says which rule it was and why, from what the exchange shows.
// Per profile, as real runs showed (test/e2e/firefox-lna.test.ts, webkit-lna.test.ts):
// - Firefox ESR 153 (network.lna.blocking on by default) asks for the same two permissions, but
//   has no secure-context rule (a plain-http public page is asked too) and ignores
//   `targetAddressSpace`; a refusal is always the permission's (denied, or the prompt unanswered
//   until network.lna.prompt.timeout, 5 min).
// - WebKitGTK 2.50 (Safari's WebCore) has no such check: a page on any address reaches loopback.

const LNA_ERRORS: ReadonlySet<string> = new Set([
  'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
  'net::ERR_INCONSISTENT_IP_ADDRESS_SPACE',
  // Firefox ESR 153's webRequest error for the same refusal.
  'NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED',
]);

const ANCHOR = 'lna:#local-network-request';

/** A refusal the browser reported as Local Network Access, judging by the network error. */
export function isLocalNetworkError(error: string | undefined): boolean {
  return error !== undefined && LNA_ERRORS.has(error);
}

// https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy, as Chromium's
// IsOriginPotentiallyTrustworthy: https/wss, loopback addresses and `localhost` names.
export function isPotentiallyTrustworthy(origin: string): boolean {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/]*)/i.exec(origin);
  if (match === null) return false;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme === 'https' || scheme === 'wss') return true;
  const space = addressSpaceOf(match[2] ?? '');
  return space !== null && space.space === 'loopback' && space.source !== 'dot-local';
}

/** The permission a request to `target` asks for: one permission split in two in Chromium 145. */
export function permissionFor(target: AddressSpace | undefined): string {
  return target === 'loopback' ? 'loopback-network' : 'local-network';
}

function hostOfOrigin(origin: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^:/]*)/i.exec(origin);
  return match?.[1] ?? '';
}

/**
 * #local-network-access-check, replayed. Returns a failure when the browser refused the request
 * for Local Network Access, and records the address spaces either way when both are known.
 */
export function localNetworkAccess(pass: Pass, exchange: ObservedExchange, url: ParsedUrl): Failure | null {
  const blocked = exchange.response === undefined && isLocalNetworkError(exchange.networkError);
  const target: ClassifiedSpace | null = addressSpaceOf(hostOfOrigin(url.origin), exchange.remoteIp);
  const client: ClassifiedSpace | null = addressSpaceOf(hostOfOrigin(exchange.initiatorOrigin));
  const declared = exchange.targetAddressSpace;
  // Chromium checks targetAddressSpace once connected (the address is known only then):
  // webRequest sees the request sent, then a plain net::ERR_FAILED with no response (156).
  const misdeclared =
    declared !== undefined &&
    target !== null &&
    declared !== target.space &&
    exchange.response === undefined &&
    (blocked || exchange.networkError === 'net::ERR_FAILED');
  if (
    !blocked &&
    !misdeclared &&
    (target === null || client === null || !isLessPublic(target.space, client.space))
  )
    return null;
  const at = stepsIn(pass, { anchor: ANCHOR, on: 'request' });
  if (pass.profile === 'safari' || pass.profile === 'spec') {
    // Unlike Chromium and Firefox, WebKit has no Local Network Access check (nor has the Fetch
    // Standard): it would send this request. If the browser that was observed did not, its
    // answer is unknown: the replay goes on without one (a network failure, no CORS code).
    pass.profileSensitive = true;
    at({
      rule: 'local-network.not-checked',
      outcome: 'info',
      detail: blocked || misdeclared ? 'refused-elsewhere' : 'allowed',
    });
    return null;
  }
  // 1. Which space the request went from and to. A refusal means the client was public: only a
  // public client is checked (a page on a name whose address is unknown here).
  at({
    rule: 'local-network.address-space',
    expected: client?.space ?? 'public',
    actual: target?.space ?? null,
    outcome: 'info',
    detail: `${client?.source ?? 'inferred'}:${target?.source ?? 'unknown'}`,
  });
  if (pass.profile === 'firefox') return firefoxLocalNetworkAccess(pass, at, target, blocked || misdeclared);
  // 2. `targetAddressSpace` (fetch option) must name the space the server really is in.
  if (declared !== undefined) {
    const mismatch = target !== null && declared !== target.space;
    at({
      rule: 'local-network.target-address-space',
      anchor: 'lna:#dom-requestinit-targetaddressspace',
      expected: declared,
      actual: target?.space ?? null,
      outcome: mismatch ? 'fail' : 'pass',
    });
    if (misdeclared) return lnaFailure(pass, 'InvalidLocalNetworkAccess');
  }
  // 3. Only a secure context may ask for the permission at all.
  const secure = isPotentiallyTrustworthy(exchange.initiatorOrigin);
  at({
    rule: 'local-network.secure-context',
    anchor: 'lna:#secure-context-restriction',
    expected: 'secure',
    actual: secure ? 'secure' : 'not-secure',
    outcome: secure ? 'pass' : blocked ? 'fail' : 'info',
  });
  if (!secure && blocked) return lnaFailure(pass, 'InsecureLocalNetwork');
  // 4. The permission (one per space since Chromium 145). A frame gets it only when its
  // embedder delegates it (`allow="local-network"` / `allow="loopback-network"`).
  const inFrame =
    exchange.topLevelOrigin !== undefined && exchange.topLevelOrigin !== exchange.initiatorOrigin;
  at({
    rule: 'local-network.permission',
    anchor: 'lna:#permission-prompt',
    subject: permissionFor(target?.space),
    outcome: blocked ? 'fail' : 'pass',
    // Allowed: granted, or not enforced for this page (enterprise policy, a flag).
    detail: blocked ? (inFrame ? 'denied-in-frame' : 'denied') : 'allowed',
  });
  return blocked ? lnaFailure(pass, 'LocalNetworkAccessPermissionDenied') : null;
}

/**
 * Firefox ESR 153 (nsHttpChannel::UpdateLocalNetworkAccessPermissions): only the permission
 * decides. Unlike Chromium, a non-secure page is asked as well (network.lna.block_insecure_contexts
 * is off) and `targetAddressSpace` is not read. A refusal seen in Chromium is judged as one
 * Firefox would make too unless its own user allowed the request: Chromium's permission says
 * nothing of Firefox's.
 */
function firefoxLocalNetworkAccess(
  pass: Pass,
  at: ReturnType<typeof stepsIn>,
  target: ClassifiedSpace | null,
  refused: boolean,
): Failure | null {
  at({
    rule: 'local-network.permission',
    anchor: 'lna:#permission-prompt',
    subject: permissionFor(target?.space),
    outcome: refused ? 'fail' : 'pass',
    detail: refused ? 'denied' : 'allowed',
  });
  return refused ? lnaFailure(pass, 'LocalNetworkAccessPermissionDenied') : null;
}

function lnaFailure(pass: Pass, code: CorsErrorCode): Failure {
  pass.profileSensitive = true;
  // CDP reports an empty failedParameter for these three.
  return { code, on: 'request', parameter: null };
}

/**
 * The page-side changes that make a refused local network request pass (no server header can):
 * `lna-serve-https`, `lna-grant:<permission>`, `lna-delegate:<permission>` (a frame),
 * `lna-target-address-space:<space>`, and `lna-move-api` (serve the API from a public address,
 * or the page from the local network) as the way out when asking users is not an option.
 */
export function localNetworkPageChanges(
  code: CorsErrorCode,
  pass: Pass,
  exchange: ObservedExchange,
): string[] {
  const target = pass.trace.find((s) => s.rule === 'local-network.address-space')?.actual ?? undefined;
  const permission = permissionFor(target === 'loopback' || target === 'local' ? target : undefined);
  switch (code) {
    case 'InsecureLocalNetwork':
      return ['lna-serve-https', 'lna-move-api'];
    case 'InvalidLocalNetworkAccess':
      return [`lna-target-address-space:${target ?? 'omit'}`];
    case 'LocalNetworkAccessPermissionDenied': {
      const inFrame =
        exchange.topLevelOrigin !== undefined && exchange.topLevelOrigin !== exchange.initiatorOrigin;
      return [...(inFrame ? [`lna-delegate:${permission}`] : []), `lna-grant:${permission}`, 'lna-move-api'];
    }
    default:
      return [];
  }
}
