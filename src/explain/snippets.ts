import type { CorsRecord } from '../shared/record';
import { type CorsNeeds, corsNeeds } from './needs';

export interface Snippet {
  readonly id: string;
  readonly label: string;
  readonly language: string;
  readonly code: string;
}

// Server configurations generated from what this request needs. Rules kept in every renderer:
// the observed origin is allow-listed by name (never `*` with credentials, never "reflect whatever
// Origin arrives"); a `null` page origin becomes a placeholder with a note, never `null`.

const PLACEHOLDER = 'https://your-app.example';
const NULL_NOTE =
  "This page's origin is null (sandboxed iframe, file: or data: page). Do not allow-list null: any sandboxed page could use it. Serve the page from a real origin and put that origin here.";

/** A double-quoted literal valid in JS, Python, Go, Java, C# and JSON (values are tokens). */
const q = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => values.map(q).join(', ');

interface View extends CorsNeeds {
  readonly allowOrigin: string;
  readonly note: string | null;
}

function commentLines(prefix: string, view: View): string {
  return view.note === null ? '' : `${prefix} ${view.note}\n`;
}

function express(v: View): string {
  const opts = [`  origin: [${q(v.allowOrigin)}],`, `  methods: [${list(v.methods)}],`];
  if (v.headers.length > 0) opts.push(`  allowedHeaders: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  exposedHeaders: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return `${commentLines('//', v)}const cors = require('cors');\n\napp.use(cors({\n${opts.join('\n')}\n}));\n`;
}

function nginx(v: View): string {
  const lines = [
    `add_header Access-Control-Allow-Origin $cors_allow_origin always;`,
    'add_header Vary Origin always;',
  ];
  if (v.credentials) lines.push('add_header Access-Control-Allow-Credentials "true" always;');
  if (v.exposeHeaders.length > 0) {
    lines.push(`add_header Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}" always;`);
  }
  const preflight = [
    ...lines,
    `add_header Access-Control-Allow-Methods "${v.methods.join(', ')}" always;`,
    ...(v.headers.length > 0
      ? [`add_header Access-Control-Allow-Headers "${v.headers.join(', ')}" always;`]
      : []),
    `add_header Access-Control-Max-Age ${v.maxAgeSeconds} always;`,
    'return 204;',
  ];
  const indent = (ls: readonly string[], n: number): string =>
    ls.map((l) => `${' '.repeat(n)}${l}`).join('\n');
  return `${commentLines('#', v)}# http {} block: only allow-listed origins get a value; others get none.
map $http_origin $cors_allow_origin {
    default "";
    "${v.allowOrigin}" "${v.allowOrigin}";
}

# server {} block
location ${v.path} {
    if ($request_method = OPTIONS) {
${indent(preflight, 8)}
    }
${indent(lines, 4)}
    # ... your existing proxy_pass / root ...
}
`;
}

function apache(v: View): string {
  const lines = [
    `Header always set Access-Control-Allow-Origin "${v.allowOrigin}"`,
    'Header always merge Vary Origin',
    `Header always set Access-Control-Allow-Methods "${v.methods.join(', ')}"`,
  ];
  if (v.headers.length > 0)
    lines.push(`Header always set Access-Control-Allow-Headers "${v.headers.join(', ')}"`);
  if (v.exposeHeaders.length > 0) {
    lines.push(`Header always set Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}"`);
  }
  if (v.credentials) lines.push('Header always set Access-Control-Allow-Credentials "true"');
  lines.push(`Header always set Access-Control-Max-Age "${v.maxAgeSeconds}"`);
  return `${commentLines('#', v)}# mod_headers and mod_rewrite
<Location "${v.path}">
    ${lines.join('\n    ')}
    RewriteEngine On
    RewriteCond %{REQUEST_METHOD} OPTIONS
    RewriteRule ^ - [R=204,L]
</Location>
`;
}

function caddy(v: View): string {
  const lines = [`Access-Control-Allow-Origin "${v.allowOrigin}"`, 'Vary Origin'];
  if (v.credentials) lines.push('Access-Control-Allow-Credentials "true"');
  if (v.exposeHeaders.length > 0) lines.push(`Access-Control-Expose-Headers "${v.exposeHeaders.join(', ')}"`);
  const pre = [
    `Access-Control-Allow-Methods "${v.methods.join(', ')}"`,
    `Access-Control-Max-Age "${v.maxAgeSeconds}"`,
  ];
  if (v.headers.length > 0) pre.push(`Access-Control-Allow-Headers "${v.headers.join(', ')}"`);
  return `${commentLines('#', v)}@cors_preflight method OPTIONS
header {
    ${lines.join('\n    ')}
}
handle @cors_preflight {
    header {
        ${pre.join('\n        ')}
    }
    respond 204
}
`;
}

function pyKwargs(
  v: View,
  names: Record<'origins' | 'methods' | 'headers' | 'expose' | 'credentials' | 'maxAge', string>,
): string[] {
  const args = [`${names.origins}=[${q(v.allowOrigin)}]`, `${names.methods}=[${list(v.methods)}]`];
  if (v.headers.length > 0) args.push(`${names.headers}=[${list(v.headers)}]`);
  if (v.exposeHeaders.length > 0) args.push(`${names.expose}=[${list(v.exposeHeaders)}]`);
  if (v.credentials) args.push(`${names.credentials}=True`);
  args.push(`${names.maxAge}=${v.maxAgeSeconds}`);
  return args;
}

function flask(v: View): string {
  const args = pyKwargs(v, {
    origins: 'origins',
    methods: 'methods',
    headers: 'allow_headers',
    expose: 'expose_headers',
    credentials: 'supports_credentials',
    maxAge: 'max_age',
  });
  return `${commentLines('#', v)}from flask_cors import CORS\n\nCORS(\n    app,\n    ${args.join(',\n    ')},\n)\n`;
}

function fastapi(v: View): string {
  const args = pyKwargs(v, {
    origins: 'allow_origins',
    methods: 'allow_methods',
    headers: 'allow_headers',
    expose: 'expose_headers',
    credentials: 'allow_credentials',
    maxAge: 'max_age',
  });
  return `${commentLines('#', v)}from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(\n    CORSMiddleware,\n    ${args.join(',\n    ')},\n)\n`;
}

function django(v: View): string {
  const lines = [
    '# settings.py (django-cors-headers; add "corsheaders" to INSTALLED_APPS and its middleware)',
    'from corsheaders.defaults import default_headers',
    '',
    `CORS_ALLOWED_ORIGINS = [${q(v.allowOrigin)}]`,
    `CORS_ALLOW_METHODS = [${list(v.methods)}]`,
    `CORS_ALLOW_HEADERS = (*default_headers,${v.headers.length > 0 ? ` ${list(v.headers)},` : ''})`,
  ];
  if (v.exposeHeaders.length > 0) lines.push(`CORS_EXPOSE_HEADERS = [${list(v.exposeHeaders)}]`);
  if (v.credentials) lines.push('CORS_ALLOW_CREDENTIALS = True');
  lines.push(`CORS_PREFLIGHT_MAX_AGE = ${v.maxAgeSeconds}`);
  return `${commentLines('#', v)}${lines.join('\n')}\n`;
}

function spring(v: View): string {
  const lines = [
    `config.setAllowedOrigins(List.of(${q(v.allowOrigin)}));`,
    `config.setAllowedMethods(List.of(${list(v.methods)}));`,
  ];
  if (v.headers.length > 0) lines.push(`config.setAllowedHeaders(List.of(${list(v.headers)}));`);
  if (v.exposeHeaders.length > 0) lines.push(`config.setExposedHeaders(List.of(${list(v.exposeHeaders)}));`);
  if (v.credentials) lines.push('config.setAllowCredentials(true);');
  lines.push(`config.setMaxAge(${v.maxAgeSeconds}L);`);
  return `${commentLines('//', v)}@Bean
CorsConfigurationSource corsConfigurationSource() {
    CorsConfiguration config = new CorsConfiguration();
    ${lines.join('\n    ')}
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration(${q(`${v.path.replace(/\/$/, '')}/**`)}, config);
    return source;
}
`;
}

function aspnet(v: View): string {
  const calls = [`.WithOrigins(${q(v.allowOrigin)})`, `.WithMethods(${list(v.methods)})`];
  if (v.headers.length > 0) calls.push(`.WithHeaders(${list(v.headers)})`);
  if (v.exposeHeaders.length > 0) calls.push(`.WithExposedHeaders(${list(v.exposeHeaders)})`);
  if (v.credentials) calls.push('.AllowCredentials()');
  calls.push(`.SetPreflightMaxAge(TimeSpan.FromSeconds(${v.maxAgeSeconds}))`);
  return `${commentLines('//', v)}builder.Services.AddCors(options =>
    options.AddPolicy("CorsLens", policy => policy
        ${calls.join('\n        ')}));

// after UseRouting():
app.UseCors("CorsLens");
`;
}

function goRsCors(v: View): string {
  const fields = [
    `AllowedOrigins: []string{${q(v.allowOrigin)}},`,
    `AllowedMethods: []string{${list(v.methods)}},`,
  ];
  if (v.headers.length > 0) fields.push(`AllowedHeaders: []string{${list(v.headers)}},`);
  if (v.exposeHeaders.length > 0) fields.push(`ExposedHeaders: []string{${list(v.exposeHeaders)}},`);
  if (v.credentials) fields.push('AllowCredentials: true,');
  fields.push(`MaxAge: ${v.maxAgeSeconds},`);
  return `${commentLines('//', v)}import "github.com/rs/cors"

c := cors.New(cors.Options{
\t${fields.join('\n\t')}
})
handler := c.Handler(mux)
`;
}

const S3_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

/** S3 CORS rules accept only these five methods; a rule needs at least one. */
function s3Methods(v: CorsNeeds): string[] {
  const supported = v.methods.filter((m) => S3_METHODS.has(m));
  return supported.length > 0 ? supported : ['GET'];
}

function s3Label(label: string, v: View): string {
  const unsupported = v.methods.filter((m) => !S3_METHODS.has(m));
  const notes = [
    ...(unsupported.length > 0 ? [`S3 cannot allow ${unsupported.join(', ')}`] : []),
    ...(v.note === null ? [] : [`replace ${PLACEHOLDER}: ${v.note}`]),
  ];
  return notes.length === 0 ? label : `${label} (${notes.join('; ')})`;
}

function s3(v: View): string {
  const rule: Record<string, unknown> = {
    AllowedOrigins: [v.allowOrigin],
    AllowedMethods: s3Methods(v),
  };
  if (v.headers.length > 0) rule.AllowedHeaders = v.headers;
  if (v.exposeHeaders.length > 0) rule.ExposeHeaders = v.exposeHeaders;
  rule.MaxAgeSeconds = v.maxAgeSeconds;
  return `${JSON.stringify([rule], null, 2)}\n`;
}

const RENDERERS: readonly { id: string; label: string; language: string; render: (v: View) => string }[] = [
  { id: 'express', label: 'Express (cors package)', language: 'javascript', render: express },
  { id: 'nginx', label: 'nginx', language: 'nginx', render: nginx },
  { id: 'apache', label: 'Apache httpd', language: 'apache', render: apache },
  { id: 'caddy', label: 'Caddy', language: 'caddyfile', render: caddy },
  { id: 'flask', label: 'Flask-CORS', language: 'python', render: flask },
  { id: 'fastapi', label: 'FastAPI (CORSMiddleware)', language: 'python', render: fastapi },
  { id: 'django', label: 'Django (django-cors-headers)', language: 'python', render: django },
  { id: 'spring', label: 'Spring (CorsConfiguration)', language: 'java', render: spring },
  { id: 'aspnet', label: 'ASP.NET Core (AddCors)', language: 'csharp', render: aspnet },
  { id: 'go-rs-cors', label: 'Go (rs/cors)', language: 'go', render: goRsCors },
  { id: 's3', label: 'S3 bucket CORS configuration', language: 'json', render: s3 },
];

/** The stacks there is a snippet for, as `--fix` takes them. */
export const SNIPPET_IDS: readonly string[] = RENDERERS.map((r) => r.id);

/** Server snippets granting exactly what this request needs, one per common stack. */
export function fixSnippets(record: CorsRecord): Snippet[] {
  const needs = corsNeeds(record);
  const view: View = {
    ...needs,
    allowOrigin: needs.origin ?? PLACEHOLDER,
    note: needs.origin === null ? NULL_NOTE : null,
  };
  return RENDERERS.map((r) => ({
    id: r.id,
    label: r.id === 's3' ? s3Label(r.label, view) : r.label,
    language: r.language,
    code: r.render(view),
  }));
}
