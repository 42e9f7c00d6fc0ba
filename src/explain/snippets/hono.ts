import { comments, duplicateNote, list, type View } from './view';

export function hono(v: View): string {
  const opts = [`  origin: [${list(v.origins)}],`, `  allowMethods: [${list(v.methods)}],`];
  if (v.headers.length > 0) opts.push(`  allowHeaders: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  exposeHeaders: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  if (v.maxAgeSeconds !== null) opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    "Register it before the routes, on every path ('*'): a route registered before it answers without CORS headers.",
  ])}import { cors } from 'hono/cors';

app.use('*', cors({
${opts.join('\n')}
}));
`;
}
