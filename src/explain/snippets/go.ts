import { comments, duplicateNote, list, type View } from './view';

export function goRsCors(v: View): string {
  const fields = [
    `AllowedOrigins: []string{${list(v.origins)}},`,
    `AllowedMethods: []string{${list(v.methods)}},`,
  ];
  if (v.headers.length > 0) fields.push(`AllowedHeaders: []string{${list(v.headers)}},`);
  if (v.exposeHeaders.length > 0) fields.push(`ExposedHeaders: []string{${list(v.exposeHeaders)}},`);
  if (v.credentials) fields.push('AllowCredentials: true,');
  if (v.maxAgeSeconds !== null) fields.push(`MaxAge: ${v.maxAgeSeconds},`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'rs/cors also answers actual requests only for the methods listed here: keep GET, HEAD and POST',
    'in the list when the API serves them. Wrap the whole mux, not one handler.',
    'import "github.com/rs/cors"',
  ])}c := cors.New(cors.Options{
\t${fields.join('\n\t')}
})
handler := c.Handler(mux)
`;
}
