import { comments, duplicateNote, list, type View } from './view';

function kwargs(
  v: View,
  names: Record<'origins' | 'methods' | 'headers' | 'expose' | 'credentials' | 'maxAge', string>,
): string[] {
  const args = [`${names.origins}=[${list(v.origins)}]`, `${names.methods}=[${list(v.methods)}]`];
  if (v.headers.length > 0) args.push(`${names.headers}=[${list(v.headers)}]`);
  if (v.exposeHeaders.length > 0) args.push(`${names.expose}=[${list(v.exposeHeaders)}]`);
  if (v.credentials) args.push(`${names.credentials}=True`);
  if (v.maxAgeSeconds !== null) args.push(`${names.maxAge}=${v.maxAgeSeconds}`);
  return args;
}

export function flask(v: View): string {
  const args = kwargs(v, {
    origins: 'origins',
    methods: 'methods',
    headers: 'allow_headers',
    expose: 'expose_headers',
    credentials: 'supports_credentials',
    maxAge: 'max_age',
  });
  return `${comments('#', [
    v.note,
    duplicateNote(v),
    'Once, on the app (every route): replaces CORS(...) or @cross_origin(...) you had; a route-level @cross_origin overrides it.',
  ])}from flask_cors import CORS

CORS(
    app,
    ${args.join(',\n    ')},
)
`;
}

export function fastapi(v: View): string {
  const args = kwargs(v, {
    origins: 'allow_origins',
    methods: 'allow_methods',
    headers: 'allow_headers',
    expose: 'expose_headers',
    credentials: 'allow_credentials',
    maxAge: 'max_age',
  });
  return `${comments('#', [
    v.note,
    duplicateNote(v),
    "Caveat: a 500 from an unhandled exception is sent by Starlette's ServerErrorMiddleware, outside",
    'every add_middleware: it never carries CORS headers and the browser reports a CORS error. Catch',
    'errors inside the app (an @app.middleware("http") declared before this add_middleware that',
    'returns JSONResponse(status_code=500)) so the 500 passes through CORSMiddleware.',
  ])}from fastapi.middleware.cors import CORSMiddleware

app.add_middleware(
    CORSMiddleware,
    ${args.join(',\n    ')},
)
`;
}

export function django(v: View): string {
  const lines = [
    'from corsheaders.defaults import default_headers',
    '',
    `CORS_ALLOWED_ORIGINS = [${list(v.origins)}]`,
    `CORS_ALLOW_METHODS = [${list(v.methods)}]`,
    `CORS_ALLOW_HEADERS = (*default_headers,${v.headers.length > 0 ? ` ${list(v.headers)},` : ''})`,
  ];
  if (v.exposeHeaders.length > 0) lines.push(`CORS_EXPOSE_HEADERS = [${list(v.exposeHeaders)}]`);
  if (v.credentials) lines.push('CORS_ALLOW_CREDENTIALS = True');
  if (v.maxAgeSeconds !== null) lines.push(`CORS_PREFLIGHT_MAX_AGE = ${v.maxAgeSeconds}`);
  return `${comments('#', [
    v.note,
    duplicateNote(v),
    'settings.py (django-cors-headers): "corsheaders" in INSTALLED_APPS, and',
    '"corsheaders.middleware.CorsMiddleware" in MIDDLEWARE as high as possible, above CommonMiddleware',
    'and anything that can answer on its own (WhiteNoise, GZip, auth redirects): a middleware above it',
    'that answers sends no CORS headers. Delete any setting that allows every origin.',
  ])}${lines.join('\n')}
`;
}
