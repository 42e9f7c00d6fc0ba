import { comments, duplicateNote, list, type View } from './view';

export function express(v: View): string {
  const opts = [`  origin: [${list(v.origins)}],`, `  methods: [${list(v.methods)}],`];
  if (v.headers.length > 0) opts.push(`  allowedHeaders: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  exposedHeaders: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  if (v.maxAgeSeconds !== null) opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Register it before your routes and before any error handler: a response sent by a middleware or error handler registered before cors() carries no CORS headers.',
  ])}const cors = require('cors');

app.use(cors({
${opts.join('\n')}
}));
`;
}
