import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure Node (evaluator, explain, report, store with a fake browser);
// `e2e` drives Debian's Chromium with the built extension (run `npm run build` first: `npm test`
// does). Real-browser files run one at a time: two cores, one browser at once.
export default defineConfig({
  test: {
    // vitest's summary, then one plain `tests: N passed, N failed, N skipped` line.
    reporters: ['default', './test/reporters/closing-line.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
          // The property suites run thousands of cases: on a shared two-core machine they need
          // more than the default 5 s, which says nothing about their result.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Real servers (nginx, Apache, Caddy, Express, Fastify, Koa, Hono, Flask, FastAPI, Django,
        // Go rs/cors) with Chromium: `npm run test:servers`. After the other suites (groupOrder),
        // so its server processes never compete with a browser suite for the two cores.
        test: {
          name: 'servers',
          environment: 'node',
          include: ['test/servers/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
