import { CORS_RESPONSE_HEADERS, comments, type View } from './view';

// Matcher names carry our prefix: `@cors_preflight` is the common recipe's and may exist already.

export function caddy(v: View): string {
  const origins = v.origins.map((o) => `"${o}"`).join(' ');
  const set = ['Access-Control-Allow-Origin "{http.request.header.Origin}"'];
  if (v.credentials) set.push('Access-Control-Allow-Credentials "true"');
  set.push(`Access-Control-Allow-Methods "${v.methods.join(', ')}"`);
  if (v.headers.length > 0) set.push(`Access-Control-Allow-Headers "${v.headers.join(', ')}"`);
  if (v.exposeHeaders.length > 0) set.push(`Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}"`);
  if (v.maxAgeSeconds !== null) set.push(`Access-Control-Max-Age "${v.maxAgeSeconds}"`);
  const site = `@cors_lens_origin header Origin ${origins}
header +Vary Origin
header @cors_lens_origin {
    ${set.join('\n    ')}
}
@cors_lens_preflight {
    method OPTIONS
    header Origin ${origins}
    header Access-Control-Request-Method *
}
respond @cors_lens_preflight 204
`;
  const proxy = v.removeDuplicateAllowOrigin
    ? `
# inside your reverse_proxy { } block: the upstream sends its own, drop it so only the lines above answer
${CORS_RESPONSE_HEADERS.map((name) => `header_down -${name}`).join('\n')}
`
    : '';
  return `${comments('#', [
    v.note,
    'In the site block, server-wide (replaces any header Access-Control-* lines you had).',
  ])}${site}${proxy}`;
}
