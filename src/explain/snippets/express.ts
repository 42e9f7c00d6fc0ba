import { CORS_PACKAGE_NAMES, comments, duplicateNote, jsOptionLines, list, type View } from './view';

export function express(v: View): string {
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'Register it before your routes and before any error handler: a response sent by a middleware or error handler registered before cors() carries no CORS headers.',
  ])}const cors = require('cors');

app.use(cors({
${jsOptionLines(v, `  origin: [${list(v.origins)}],`, CORS_PACKAGE_NAMES)}
}));
`;
}
