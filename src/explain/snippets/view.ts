import type { CorsPolicy } from '../policy';

/** What every renderer reads: the policy, with the origin list made safe to embed. */
export interface View {
  /** Allow-listed origins; a placeholder when the only page origin was `null`. */
  readonly origins: readonly string[];
  /** Set when the placeholder stands in for a `null` origin. */
  readonly note: string | null;
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly credentials: boolean;
  readonly maxAgeSeconds: number | null;
  readonly removeDuplicateAllowOrigin: boolean;
  readonly paths: readonly string[];
}

export const PLACEHOLDER = 'https://your-app.example';
export const NULL_NOTE =
  "This page's origin is null (sandboxed iframe, file: or data: page). Do not allow-list null: any sandboxed page could use it. Serve the page from a real origin and put that origin here.";

export function viewOf(policy: CorsPolicy): View {
  const origins = policy.origins.length > 0 ? policy.origins : [PLACEHOLDER];
  return {
    origins: policy.nullOrigin && policy.origins.length > 0 ? [...origins, PLACEHOLDER] : origins,
    note: policy.nullOrigin ? NULL_NOTE : null,
    methods: policy.methods.length > 0 ? policy.methods : ['GET'],
    headers: policy.headers,
    exposeHeaders: policy.exposeHeaders,
    credentials: policy.credentials,
    maxAgeSeconds: policy.maxAgeSeconds,
    removeDuplicateAllowOrigin: policy.removeDuplicateAllowOrigin,
    paths: policy.paths,
  };
}

/** A double-quoted literal valid in JS, Python, Go, Java, C# and JSON (values are tokens). */
export const q = (value: string): string => JSON.stringify(value);
export const list = (values: readonly string[]): string => values.map(q).join(', ');

/** Comment lines with the given prefix, one per non-empty entry. */
export function comments(prefix: string, lines: readonly (string | null | false)[]): string {
  return lines
    .filter((l): l is string => typeof l === 'string' && l !== '')
    .map((l) => `${prefix} ${l}\n`)
    .join('');
}

/** Said in framework snippets when a proxy in front also sends the header. */
export const DUPLICATE_NOTE =
  'Another layer (a proxy or the platform) also sends Access-Control-Allow-Origin: two values make the browser refuse. Remove it there (nginx: proxy_hide_header, Apache: Header unset, Caddy: header_down -Access-Control-Allow-Origin) so only this one answers.';

export function duplicateNote(v: View): string | null {
  return v.removeDuplicateAllowOrigin ? DUPLICATE_NOTE : null;
}

/** The CORS response headers another layer may add; removed together so one layer owns CORS. */
export const CORS_RESPONSE_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
];

/** How a JavaScript CORS middleware spells its options (the `cors` family or the `allow*` one). */
export interface JsOptionNames {
  readonly methods: string;
  readonly headers: string;
  readonly expose: string;
}
/** `cors` (Express) and `@fastify/cors`. */
export const CORS_PACKAGE_NAMES: JsOptionNames = {
  methods: 'methods',
  headers: 'allowedHeaders',
  expose: 'exposedHeaders',
};
/** `@koa/cors` and `hono/cors`. */
export const ALLOW_PREFIXED_NAMES: JsOptionNames = {
  methods: 'allowMethods',
  headers: 'allowHeaders',
  expose: 'exposeHeaders',
};

/** The options object's lines shared by the JavaScript middlewares, after its `origin` line. */
export function jsOptionLines(v: View, originLine: string, names: JsOptionNames): string {
  const opts = [originLine, `  ${names.methods}: [${list(v.methods)}],`];
  if (v.headers.length > 0) opts.push(`  ${names.headers}: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  ${names.expose}: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  if (v.maxAgeSeconds !== null) opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return opts.join('\n');
}
