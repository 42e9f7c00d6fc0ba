import { comments, duplicateNote, list, type View } from './view';

export function koa(v: View): string {
  // @koa/cors takes one origin string or a function: the allow-list is a function returning ''
  // (no CORS headers) for any other origin.
  const opts = [
    "  origin: (ctx) => (allowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),",
    `  allowMethods: [${list(v.methods)}],`,
  ];
  if (v.headers.length > 0) opts.push(`  allowHeaders: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  exposeHeaders: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  if (v.maxAgeSeconds !== null) opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Use it before the router and any middleware that answers on its own; keepHeadersOnError (the default) keeps the headers on thrown errors.',
  ])}const cors = require('@koa/cors');

const allowedOrigins = [${list(v.origins)}];
app.use(cors({
${opts.join('\n')}
}));
`;
}
