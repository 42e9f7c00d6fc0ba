import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORS_ERROR_CODES,
  curlCommands,
  fixSnippets,
  reasonLabel,
  shellQuote,
  summarize,
} from '../../../src/explain';
import { APP, ex, h, rec, res } from './fixtures';

describe('properties', () => {
  it('shell quoting round-trips any string through bash', () => {
    // One bash run for the whole batch: every quoted word is printed back NUL-separated.
    const values = fc.sample(
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, '')),
      200,
    );
    const script = `for a in ${values.map(shellQuote).join(' ')}; do printf '%s\\0' "$a"; done`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(values);
  });

  it('words and snippets never throw and never leak a wildcard origin with credentials', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.constantFrom('GET', 'PUT', 'patch', 'DELETE', 'x y'),
        fc.boolean(),
        (headerValue, acao, method, include) => {
          const record = rec(
            ex({
              method,
              credentials: include ? 'include' : 'omit',
              requestHeaders: h({ Origin: APP, 'X-Any': headerValue }),
              response: res(200, { 'Access-Control-Allow-Origin': acao }),
            }),
          );
          expect(summarize(record).length).toBeGreaterThan(10);
          expect(reasonLabel(record.evaluation).length).toBeGreaterThan(1);
          curlCommands(record);
          for (const s of fixSnippets(record)) {
            expect(s.code).not.toMatch(/Allow-Origin[^\n]*\*|AllowedOrigins[^\n]*\*|origin:\s*true/i);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every code has a sentence even with an empty failed parameter', () => {
    const base = rec(ex({ response: res(500), networkError: 'net::ERR_FAILED' }));
    for (const code of CORS_ERROR_CODES) {
      const sentence = summarize({
        ...base,
        evaluation: { ...base.evaluation, corsError: code, failedParameter: null },
      });
      expect(sentence).not.toMatch(/undefined|null\b(?! origin)/);
    }
  });
});
