import type { CorsRecord } from '../../shared/record';
import { type CorsPolicy, policyFor } from '../policy';
import { apache } from './apache';
import { caddy } from './caddy';
import { express } from './express';
import { fastify } from './fastify';
import { goRsCors } from './go';
import { hono } from './hono';
import { aspnet, spring } from './jvm';
import { koa } from './koa';
import { nginx } from './nginx';
import { django, fastapi, flask } from './python';
import { s3, s3Label } from './s3';
import { type View, viewOf } from './view';

export interface Snippet {
  readonly id: string;
  readonly label: string;
  readonly language: string;
  readonly code: string;
}

// Server configurations rendered from one policy (every request to the server, merged with what
// it already grants). Rules kept in every renderer: origins are allow-listed by name (never `*`,
// never "reflect whatever Origin arrives"); a `null` page origin becomes a placeholder with a
// note; nothing is granted that no request needed and the server did not already send.

const RENDERERS: readonly { id: string; label: string; language: string; render: (v: View) => string }[] = [
  { id: 'express', label: 'Express (cors package)', language: 'javascript', render: express },
  { id: 'fastify', label: 'Fastify (@fastify/cors)', language: 'javascript', render: fastify },
  { id: 'koa', label: 'Koa (@koa/cors)', language: 'javascript', render: koa },
  { id: 'hono', label: 'Hono (hono/cors)', language: 'typescript', render: hono },
  { id: 'nginx', label: 'nginx', language: 'nginx', render: nginx },
  { id: 'apache', label: 'Apache httpd', language: 'apache', render: apache },
  { id: 'caddy', label: 'Caddy', language: 'caddyfile', render: caddy },
  { id: 'flask', label: 'Flask-CORS', language: 'python', render: flask },
  { id: 'fastapi', label: 'FastAPI (CORSMiddleware)', language: 'python', render: fastapi },
  { id: 'django', label: 'Django (django-cors-headers)', language: 'python', render: django },
  { id: 'go-rs-cors', label: 'Go (rs/cors)', language: 'go', render: goRsCors },
  { id: 'spring', label: 'Spring (CorsConfiguration)', language: 'java', render: spring },
  { id: 'aspnet', label: 'ASP.NET Core (AddCors)', language: 'csharp', render: aspnet },
  { id: 's3', label: 'S3 bucket CORS configuration', language: 'json', render: s3 },
];

/** The stacks there is a snippet for, as `--fix` takes them. */
export const SNIPPET_IDS: readonly string[] = RENDERERS.map((r) => r.id);

/** One snippet per stack, rendered from a policy. */
export function policySnippets(policy: CorsPolicy): Snippet[] {
  const view = viewOf(policy);
  return RENDERERS.map((r) => ({
    id: r.id,
    label: r.id === 's3' ? s3Label(r.label, view) : r.label,
    language: r.language,
    code: r.render(view),
  }));
}

/**
 * Snippets for the server `record` went to, from the policy over it and `related` (the other
 * records the surface holds: the tab, the HAR, the probe's config), so the fix for one request
 * keeps every other request to that server working.
 */
export function fixSnippets(record: CorsRecord, related: readonly CorsRecord[] = []): Snippet[] {
  return policySnippets(policyFor(record, related));
}
