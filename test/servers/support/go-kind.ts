import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx, Kind } from './kind';
import { daemon, run } from './proc';

// Go in GOPATH mode against Debian's golang-github-rs-cors-dev (/usr/share/gocode): offline.
const GO = '/usr/bin/go';
const env = (ctx: Ctx): NodeJS.ProcessEnv => ({
  PATH: '/usr/bin:/bin',
  HOME: ctx.dir,
  GO111MODULE: 'off',
  GOPATH: '/usr/share/gocode',
  GOCACHE: join(ctx.dir, '..', 'gocache'),
  GOFLAGS: '',
  GOPROXY: 'off',
});

const main = (cors: string) => `package main

import (
\t"encoding/json"
\t"net/http"
\t"os"

\t"github.com/rs/cors"
)

func api(w http.ResponseWriter, r *http.Request) {
\tif r.Method == http.MethodPut {
\t\tvar body map[string]any
\t\tif err := json.NewDecoder(r.Body).Decode(&body); err != nil {
\t\t\thttp.Error(w, "bad json", http.StatusInternalServerError)
\t\t\treturn
\t\t}
\t}
\tw.Header().Set("Content-Type", "application/json")
\tw.Write([]byte(\`{"ok":true}\`))
}

func main() {
\tmux := http.NewServeMux()
\tmux.HandleFunc("/health", api)
\tmux.HandleFunc("/api/", api)

${cors
  .split('\n')
  .map((l) => (l === '' ? '' : `\t${l}`))
  .join('\n')}
\thttp.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), handler)
}
`;

export const go: Kind = {
  id: 'go-rs-cors',
  needs: [GO, '/usr/share/gocode/src/github.com/rs/cors/cors.go'],
  configs: [
    {
      name: 'AllowedMethods PUT only',
      regions: (ctx) => ({
        cors: `c := cors.New(cors.Options{\n\tAllowedOrigins:   []string{"${ctx.app}"},\n\tAllowedMethods:   []string{"PUT"},\n\tAllowedHeaders:   []string{"Content-Type"},\n\tAllowCredentials: true,\n})\nhandler := c.Handler(mux)\n`,
      }),
    },
    { name: 'cors.Default()', regions: () => ({ cors: 'handler := cors.Default().Handler(mux)\n' }) },
  ],
  write: (ctx, regions) => {
    mkdirSync(join(ctx.dir, '..', 'gocache'), { recursive: true });
    writeFileSync(join(ctx.dir, 'main.go'), main(regions.cors ?? ''));
  },
  check: (ctx) =>
    run(GO, ['build', '-o', 'server', 'main.go'], { cwd: ctx.dir, env: env(ctx), timeoutMs: 180_000 }),
  start: (ctx) =>
    daemon(join(ctx.dir, 'server'), [], { cwd: ctx.dir, env: { ...env(ctx), PORT: String(ctx.port) } }),
  glue: (snippet) => ({ cors: snippet }),
};
