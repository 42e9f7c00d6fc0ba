import type { CorsPolicy, CoveredRequest } from './policy';

const orNone = (values: readonly string[]): string => (values.length > 0 ? values.join(', ') : 'none');

/** The policy as short `label: value` lines, for the panel and the CLI. */
export function describePolicy(policy: CorsPolicy): string[] {
  const lines = [
    `origins: ${orNone(policy.origins)}${policy.nullOrigin ? ' (and a page with a null origin: serve it from a real origin)' : ''}`,
    `methods: ${orNone(policy.methods)}`,
    `request headers: ${orNone(policy.headers)}`,
    `credentials: ${policy.credentials ? 'yes' : 'no'}`,
  ];
  if (policy.exposeHeaders.length > 0) lines.push(`exposed headers: ${policy.exposeHeaders.join(', ')}`);
  if (policy.maxAgeSeconds !== null)
    lines.push(`preflight cache: ${policy.maxAgeSeconds} s (as the server sent)`);
  if (policy.removeDuplicateAllowOrigin) {
    lines.push('remove: the other layer’s Access-Control-Allow-Origin (only one may answer)');
  }
  return lines;
}

/** `PUT /items from https://app.example, with credentials: blocked now`. */
export function describeCovered(request: CoveredRequest): string {
  let path = request.url;
  try {
    const url = new URL(request.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    // keep the URL as recorded
  }
  const credentials = request.credentials ? ', with credentials' : '';
  const now = request.verdict === 'allowed' ? 'allowed now, stays allowed' : `${request.verdict} now`;
  return `${request.method} ${path} from ${request.origin}${credentials}: ${now}`;
}
