import type { Daemon, Run } from './proc';

/** Where a config's parts go: the CORS lines a developer wrote, replaced by the snippet's. */
export type Regions = Readonly<Record<string, string>>;

export interface Ctx {
  /** The page's origin (allowed) and an unrelated one (must stay refused). */
  readonly app: string;
  readonly evil: string;
  /** A private directory for this configuration's files. */
  readonly dir: string;
  /** The port the server listens on. */
  readonly port: number;
  /** The application behind a proxy (nginx, Apache, Caddy), when the config has one. */
  readonly upstream: number;
}

export interface Misconfig {
  readonly name: string;
  /** The CORS part as developers write it (docs, the classic mistakes). */
  readonly regions: (ctx: Ctx) => Regions;
  /** For proxies: the application behind it also sends CORS headers (`*`). */
  readonly upstream?: 'plain' | 'star';
}

export interface Kind {
  /** The snippet id (`--fix`). */
  readonly id: string;
  readonly configs: readonly Misconfig[];
  /** The binaries this server needs (the suite fails, naming them, when one is missing). */
  readonly needs: readonly string[];
  /** Writes the server's files for these regions into ctx.dir. */
  write(ctx: Ctx, regions: Regions): void;
  /** The server's own checker: nginx -t, apachectl -t, caddy validate, go build, import. */
  check(ctx: Ctx): Promise<Run>;
  start(ctx: Ctx): Daemon;
  /** The only glue: which part of the printed snippet goes into which region. */
  glue(snippet: string): Regions;
}

/** Splits a snippet at lines starting with `marker`: the text before, then each section. */
export function sections(snippet: string, marker: RegExp): string[] {
  const out: string[] = [''];
  for (const line of snippet.split('\n')) {
    if (marker.test(line)) out.push('');
    out[out.length - 1] += `${line}\n`;
  }
  return out;
}
