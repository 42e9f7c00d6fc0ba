import { ALLOW_PREFIXED_NAMES, comments, duplicateNote, jsOptionLines, list, type View } from './view';

export function koa(v: View): string {
  // @koa/cors takes one origin string or a function: the allow-list is a function returning ''
  // (no CORS headers) for any other origin.
  const origin = "  origin: (ctx) => (allowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),";
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Use it before the router and any middleware that answers on its own; keepHeadersOnError (the default) keeps the headers on thrown errors.',
  ])}const cors = require('@koa/cors');

const allowedOrigins = [${list(v.origins)}];
app.use(cors({
${jsOptionLines(v, origin, ALLOW_PREFIXED_NAMES)}
}));
`;
}
