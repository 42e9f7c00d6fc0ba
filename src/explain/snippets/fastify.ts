import { CORS_PACKAGE_NAMES, comments, duplicateNote, jsOptionLines, list, type View } from './view';

export function fastify(v: View): string {
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Register it once, before your routes (its onRequest hook also answers preflights); replies sent from an onRequest hook registered earlier get no CORS headers.',
  ])}const cors = require('@fastify/cors');

app.register(cors, {
${jsOptionLines(v, `  origin: [${list(v.origins)}],`, CORS_PACKAGE_NAMES)}
});
`;
}
