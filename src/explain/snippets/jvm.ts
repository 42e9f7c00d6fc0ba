import { comments, duplicateNote, list, q, type View } from './view';

export function spring(v: View): string {
  const lines = [
    `config.setAllowedOrigins(List.of(${list(v.origins)}));`,
    `config.setAllowedMethods(List.of(${list(v.methods)}));`,
  ];
  if (v.headers.length > 0) lines.push(`config.setAllowedHeaders(List.of(${list(v.headers)}));`);
  if (v.exposeHeaders.length > 0) lines.push(`config.setExposedHeaders(List.of(${list(v.exposeHeaders)}));`);
  if (v.credentials) lines.push('config.setAllowCredentials(true);');
  if (v.maxAgeSeconds !== null) lines.push(`config.setMaxAge(${v.maxAgeSeconds}L);`);
  return `${comments('//', [
    v.note,
    duplicateNote(v),
    'With Spring Security, also call http.cors(Customizer.withDefaults()) in the SecurityFilterChain:',
    'otherwise the preflight (an OPTIONS without credentials) is refused by authentication first (401/403).',
  ])}@Bean
CorsConfigurationSource corsConfigurationSource() {
    CorsConfiguration config = new CorsConfiguration();
    ${lines.join('\n    ')}
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration(${q('/**')}, config);
    return source;
}
`;
}

export function aspnet(v: View): string {
  const calls = [`.WithOrigins(${list(v.origins)})`, `.WithMethods(${list(v.methods)})`];
  if (v.headers.length > 0) calls.push(`.WithHeaders(${list(v.headers)})`);
  if (v.exposeHeaders.length > 0) calls.push(`.WithExposedHeaders(${list(v.exposeHeaders)})`);
  if (v.credentials) calls.push('.AllowCredentials()');
  if (v.maxAgeSeconds !== null) calls.push(`.SetPreflightMaxAge(TimeSpan.FromSeconds(${v.maxAgeSeconds}))`);
  return `${comments('//', [v.note, duplicateNote(v)])}builder.Services.AddCors(options =>
    options.AddPolicy("CorsLens", policy => policy
        ${calls.join('\n        ')}));

// after UseRouting() and before UseAuthentication()/UseAuthorization(), so preflights are answered first:
app.UseCors("CorsLens");
`;
}
