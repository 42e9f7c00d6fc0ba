import type { CorsRecord } from '../shared/record';

// Words for Local Network Access refusals, from the trace the evaluator wrote
// (src/evaluator/local-network.ts): which space went to which, and who decided.

type LnaCode = 'InsecureLocalNetwork' | 'InvalidLocalNetworkAccess' | 'LocalNetworkAccessPermissionDenied';

const SPACE_WORDS: Record<string, string> = {
  loopback: 'this device (loopback)',
  local: 'the local network',
  public: 'the public internet',
};

function stepOf(record: CorsRecord, rule: string) {
  return record.evaluation.trace.find((step) => step.rule === rule);
}

function spaceWords(space: string | null | undefined): string {
  return space == null ? 'a local or loopback address' : (SPACE_WORDS[space] ?? space);
}

/** One sentence: from which space to which, and whether the user was asked. */
export function localNetworkSentence(
  code: LnaCode,
  record: CorsRecord,
  origin: string,
  host: string,
): string {
  const spaces = stepOf(record, 'local-network.address-space');
  const from = spaceWords(spaces?.expected ?? 'public');
  const to = spaceWords(spaces?.actual);
  const route = `${origin} (on ${from}) tried to reach ${host} on ${to}`;
  switch (code) {
    case 'InsecureLocalNetwork':
      return `${route}, but the page is not a secure context (plain http), so the browser refused without asking the user (Local Network Access)`;
    case 'InvalidLocalNetworkAccess': {
      const declared = stepOf(record, 'local-network.target-address-space');
      return `The page declared targetAddressSpace "${declared?.expected ?? '?'}" for ${host}, but the server is on ${to}, so the browser refused the request (Local Network Access guards against DNS rebinding)`;
    }
    case 'LocalNetworkAccessPermissionDenied': {
      const permission = stepOf(record, 'local-network.permission');
      const name = permission?.subject ?? 'local-network';
      const frame =
        permission?.detail === 'denied-in-frame'
          ? ' from a frame (its embedder must delegate the permission with allow, and the user allow it)'
          : '';
      return `${route}${frame}; this needs the user's ${name} permission, which was not granted (denied or dismissed, or no prompt could be shown)`;
    }
  }
}
