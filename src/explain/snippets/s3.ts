import type { View } from './view';
import { PLACEHOLDER } from './view';

const S3_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

/** S3 CORS rules accept only these five methods; a rule needs at least one. */
function s3Methods(v: View): string[] {
  const supported = v.methods.filter((m) => S3_METHODS.has(m));
  return supported.length > 0 ? supported : ['GET'];
}

export function s3Label(label: string, v: View): string {
  const unsupported = v.methods.filter((m) => !S3_METHODS.has(m));
  const notes = [
    ...(unsupported.length > 0 ? [`S3 cannot allow ${unsupported.join(', ')}`] : []),
    ...(v.note === null ? [] : [`replace ${PLACEHOLDER}: ${v.note}`]),
  ];
  return notes.length === 0 ? label : `${label} (${notes.join('; ')})`;
}

export function s3(v: View): string {
  const rule: Record<string, unknown> = { AllowedOrigins: v.origins, AllowedMethods: s3Methods(v) };
  if (v.headers.length > 0) rule.AllowedHeaders = v.headers;
  if (v.exposeHeaders.length > 0) rule.ExposeHeaders = v.exposeHeaders;
  if (v.maxAgeSeconds !== null) rule.MaxAgeSeconds = v.maxAgeSeconds;
  return `${JSON.stringify([rule], null, 2)}\n`;
}
