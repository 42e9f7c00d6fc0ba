import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Ctx, type Kind, sections } from './kind';
import { daemon, run } from './proc';

// The web servers, each in front of the application (upstream.ts) as a reverse proxy, with its
// own prefix and config in the configuration's directory, run as this unprivileged user.

const NGINX = '/usr/sbin/nginx';
const nginxConf = (ctx: Ctx, r: Readonly<Record<string, string>>) => `worker_processes 1;
pid ${ctx.dir}/nginx.pid;
error_log ${ctx.dir}/error.log;
daemon off;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${ctx.dir}/tmp/body;
    proxy_temp_path ${ctx.dir}/tmp/proxy;
    fastcgi_temp_path ${ctx.dir}/tmp/fastcgi;
    uwsgi_temp_path ${ctx.dir}/tmp/uwsgi;
    scgi_temp_path ${ctx.dir}/tmp/scgi;

${r.http ?? ''}
    server {
        listen 127.0.0.1:${ctx.port};

${r.server ?? ''}
        location = /health {
            return 200 "ok";
        }
        location /api/items {
${r.items ?? ''}
            proxy_pass http://127.0.0.1:${ctx.upstream};
        }
        location / {
            proxy_pass http://127.0.0.1:${ctx.upstream};
        }
    }
}
`;

export const nginx: Kind = {
  id: 'nginx',
  needs: [NGINX],
  configs: [
    {
      name: 'one location, no always, no OPTIONS',
      regions: (ctx) => ({ items: `add_header Access-Control-Allow-Origin ${ctx.app};\n` }),
    },
    {
      name: 'proxy adds Allow-Origin, the app sends * too',
      upstream: 'star',
      regions: (ctx) => ({
        server: `add_header Access-Control-Allow-Origin ${ctx.app} always;\nadd_header Access-Control-Allow-Credentials true always;\n`,
      }),
    },
  ],
  write: (ctx, regions) => {
    mkdirSync(join(ctx.dir, 'tmp'), { recursive: true });
    writeFileSync(join(ctx.dir, 'nginx.conf'), nginxConf(ctx, regions));
  },
  check: (ctx) =>
    run(NGINX, ['-t', '-q', '-e', `${ctx.dir}/error.log`, '-p', ctx.dir, '-c', `${ctx.dir}/nginx.conf`]),
  start: (ctx) => daemon(NGINX, ['-e', `${ctx.dir}/error.log`, '-p', ctx.dir, '-c', `${ctx.dir}/nginx.conf`]),
  glue: (snippet) => {
    // The snippet's own headings say where each part goes.
    const [before = '', http = '', server = ''] = sections(snippet, /^# (http|server) \{\} block/);
    return { http: before + http, server, items: '' };
  },
};

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const apacheConf = (ctx: Ctx, r: Readonly<Record<string, string>>) => `ServerRoot ${ctx.dir}
DefaultRuntimeDir ${ctx.dir}
PidFile ${ctx.dir}/httpd.pid
ErrorLog ${ctx.dir}/error.log
LogLevel warn
Listen 127.0.0.1:${ctx.port}
ServerName 127.0.0.1
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule headers_module ${MODULES}/mod_headers.so
LoadModule setenvif_module ${MODULES}/mod_setenvif.so
LoadModule rewrite_module ${MODULES}/mod_rewrite.so
LoadModule proxy_module ${MODULES}/mod_proxy.so
LoadModule proxy_http_module ${MODULES}/mod_proxy_http.so
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MaxRequestWorkers 16

<VirtualHost 127.0.0.1:${ctx.port}>
${r.vhost ?? ''}
    ProxyPass / http://127.0.0.1:${ctx.upstream}/
    ProxyPassReverse / http://127.0.0.1:${ctx.upstream}/
    <Location "/api/items">
${r.items ?? ''}
    </Location>
</VirtualHost>
`;

export const apache: Kind = {
  id: 'apache',
  needs: [APACHE, `${MODULES}/mod_proxy_http.so`],
  configs: [
    {
      name: 'Header set * in one <Location>',
      regions: () => ({ items: 'Header set Access-Control-Allow-Origin "*"\n' }),
    },
    {
      name: 'Header always set, the app sends * too',
      upstream: 'star',
      regions: (ctx) => ({
        vhost: `Header always set Access-Control-Allow-Origin "${ctx.app}"\nHeader always set Access-Control-Allow-Credentials "true"\n`,
      }),
    },
  ],
  write: (ctx, regions) => writeFileSync(join(ctx.dir, 'httpd.conf'), apacheConf(ctx, regions)),
  check: (ctx) => run(APACHE, ['-t', '-f', `${ctx.dir}/httpd.conf`]),
  start: (ctx) => daemon(APACHE, ['-f', `${ctx.dir}/httpd.conf`, '-DFOREGROUND']),
  glue: (snippet) => ({ vhost: snippet, items: '' }),
};

const CADDY = '/usr/bin/caddy';
const caddyfile = (ctx: Ctx, r: Readonly<Record<string, string>>) => `{
    admin off
    auto_https off
    storage file_system ${ctx.dir}/data
}

http://127.0.0.1:${ctx.port} {
${r.site ?? ''}
${r.outside ?? ''}
    reverse_proxy 127.0.0.1:${ctx.upstream} {
${r.proxy ?? ''}
    }
}
`;
const caddyEnv = (ctx: Ctx): NodeJS.ProcessEnv => ({
  PATH: '/usr/bin:/bin',
  HOME: ctx.dir,
  XDG_DATA_HOME: ctx.dir,
  XDG_CONFIG_HOME: ctx.dir,
});

export const caddy: Kind = {
  id: 'caddy',
  needs: [CADDY],
  configs: [
    {
      name: 'the common recipe: * with credentials, its own @cors_preflight',
      regions: () => ({
        site: 'header Access-Control-Allow-Origin *\nheader Access-Control-Allow-Credentials true\n',
        outside: '@cors_preflight method OPTIONS\nrespond @cors_preflight 204\n',
      }),
    },
    {
      name: 'header adds Allow-Origin, the app sends * too',
      upstream: 'star',
      regions: (ctx) => ({ site: `header Access-Control-Allow-Origin "${ctx.app}"\n` }),
    },
  ],
  write: (ctx, regions) => writeFileSync(join(ctx.dir, 'Caddyfile'), caddyfile(ctx, regions)),
  check: (ctx) =>
    run(CADDY, ['validate', '--config', `${ctx.dir}/Caddyfile`, '--adapter', 'caddyfile'], {
      env: caddyEnv(ctx),
    }),
  start: (ctx) =>
    daemon(CADDY, ['run', '--config', `${ctx.dir}/Caddyfile`, '--adapter', 'caddyfile'], {
      env: caddyEnv(ctx),
    }),
  glue: (snippet) => {
    const [site = '', proxy = ''] = sections(snippet, /^# inside your reverse_proxy/);
    return { site, proxy };
  },
};
