import { ALLOW_PREFIXED_NAMES, comments, duplicateNote, jsOptionLines, list, type View } from './view';

export function hono(v: View): string {
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    "Register it before the routes, on every path ('*'): a route registered before it answers without CORS headers.",
  ])}import { cors } from 'hono/cors';

app.use('*', cors({
${jsOptionLines(v, `  origin: [${list(v.origins)}],`, ALLOW_PREFIXED_NAMES)}
}));
`;
}
