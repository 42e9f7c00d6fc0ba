import { CORS_RESPONSE_HEADERS, comments, type View } from './view';

/** A regex matching exactly these origins (dots and other metacharacters escaped). */
function originRegex(origins: readonly string[]): string {
  return `^(${origins.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

export function apache(v: View): string {
  const when = 'env=CORS_LENS_ORIGIN';
  const lines = [`SetEnvIf Origin "${originRegex(v.origins)}" CORS_LENS_ORIGIN=$1`];
  if (v.removeDuplicateAllowOrigin) {
    lines.push('# the application or backend sends its own: unset it, so only these lines answer');
    for (const name of CORS_RESPONSE_HEADERS) lines.push(`Header unset ${name}`);
  }
  lines.push(`Header always set Access-Control-Allow-Origin "%{CORS_LENS_ORIGIN}e" ${when}`);
  if (v.credentials) lines.push(`Header always set Access-Control-Allow-Credentials "true" ${when}`);
  lines.push('Header always merge Vary Origin');
  lines.push(`Header always set Access-Control-Allow-Methods "${v.methods.join(', ')}" ${when}`);
  if (v.headers.length > 0) {
    lines.push(`Header always set Access-Control-Allow-Headers "${v.headers.join(', ')}" ${when}`);
  }
  if (v.exposeHeaders.length > 0) {
    lines.push(`Header always set Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}" ${when}`);
  }
  if (v.maxAgeSeconds !== null)
    lines.push(`Header always set Access-Control-Max-Age "${v.maxAgeSeconds}" ${when}`);
  lines.push(
    'RewriteEngine On',
    'RewriteCond %{REQUEST_METHOD} OPTIONS',
    'RewriteCond %{HTTP:Access-Control-Request-Method} .',
    'RewriteRule ^ - [R=204,L]',
  );
  return `${comments('#', [
    v.note,
    'mod_headers, mod_setenvif and mod_rewrite. In the <VirtualHost> (server-wide, not one <Location>),',
    'replacing any Header ... Access-Control-* lines you had. `always` keeps them on error answers.',
  ])}${lines.join('\n')}
`;
}
