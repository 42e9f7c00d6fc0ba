import { comments, duplicateNote, list, type View } from './view';

export function fastify(v: View): string {
  const opts = [`  origin: [${list(v.origins)}],`, `  methods: [${list(v.methods)}],`];
  if (v.headers.length > 0) opts.push(`  allowedHeaders: [${list(v.headers)}],`);
  if (v.exposeHeaders.length > 0) opts.push(`  exposedHeaders: [${list(v.exposeHeaders)}],`);
  if (v.credentials) opts.push('  credentials: true,');
  if (v.maxAgeSeconds !== null) opts.push(`  maxAge: ${v.maxAgeSeconds},`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Register it once, before your routes (its onRequest hook also answers preflights); replies sent from an onRequest hook registered earlier get no CORS headers.',
  ])}const cors = require('@fastify/cors');

app.register(cors, {
${opts.join('\n')}
});
`;
}
