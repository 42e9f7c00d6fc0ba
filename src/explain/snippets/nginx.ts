import { CORS_RESPONSE_HEADERS, comments, type View } from './view';

// Server-wide, not one location: a path-scoped block leaves the API's other paths without CORS.
// The allow-list lives in `map`s: an empty value makes add_header send nothing, so an origin not
// on the list gets no CORS header at all. Variable names carry our prefix so they do not collide.

export function nginx(v: View): string {
  const originMap = v.origins.map((o) => `    "${o}" "${o}";`).join('\n');
  const maps = [
    `map $http_origin $cors_lens_origin {\n    default "";\n${originMap}\n}`,
    'map "$request_method:$http_access_control_request_method" $cors_lens_preflight {\n    default "";\n    "~^OPTIONS:." "1";\n}',
  ];
  if (v.credentials) {
    const trueMap = v.origins.map((o) => `    "${o}" "true";`).join('\n');
    maps.push(`map $http_origin $cors_lens_credentials {\n    default "";\n${trueMap}\n}`);
  }
  const server = [
    'add_header Access-Control-Allow-Origin $cors_lens_origin always;',
    'add_header Vary Origin always;',
  ];
  if (v.credentials)
    server.push('add_header Access-Control-Allow-Credentials $cors_lens_credentials always;');
  server.push(`add_header Access-Control-Allow-Methods "${v.methods.join(', ')}" always;`);
  if (v.headers.length > 0)
    server.push(`add_header Access-Control-Allow-Headers "${v.headers.join(', ')}" always;`);
  if (v.exposeHeaders.length > 0) {
    server.push(`add_header Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}" always;`);
  }
  if (v.maxAgeSeconds !== null) server.push(`add_header Access-Control-Max-Age ${v.maxAgeSeconds} always;`);
  if (v.removeDuplicateAllowOrigin) {
    server.push('# the upstream sends its own: hide it, so only these lines answer');
    for (const name of CORS_RESPONSE_HEADERS) server.push(`proxy_hide_header ${name};`);
  }
  server.push('if ($cors_lens_preflight) {', '    return 204;', '}');
  return `${comments('#', [v.note])}# http {} block (outside server {}): only allow-listed origins get a value.
${maps.join('\n')}

# server {} block, above your locations (replaces any add_header Access-Control-* you had).
# add_header is inherited only by a location that has no add_header of its own: a location with
# any add_header must repeat these lines (keep them in a file and include it in both places).
# \`always\` keeps them on 4xx/5xx answers. Never put add_header inside \`if\` in a location:
# there only the if's own headers are sent.
${server.join('\n')}
`;
}
