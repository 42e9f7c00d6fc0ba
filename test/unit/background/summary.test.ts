import { describe, expect, it } from 'vitest';
import { summarizeTab } from '../../../src/background/store/summary';
import type { CorsRecord } from '../../../src/shared/record';
import { allowed, authorizationWildcard, missingAcao } from '../ui/fixtures';

function firefoxBlocks(record: CorsRecord): CorsRecord {
  const ev = record.evaluation;
  return {
    ...record,
    evaluation: {
      ...ev,
      byProfile: {
        ...ev.byProfile,
        firefox: {
          verdict: 'blocked',
          corsError: 'MissingAllowOriginHeader',
          failedParameter: null,
          blockedReason: null,
        },
      },
    },
  };
}

describe('tab summary: would fail in another browser', () => {
  it('counts records allowed here that another browser profile blocks', () => {
    const records = [
      allowed(),
      firefoxBlocks(allowed()),
      firefoxBlocks(missingAcao()),
      authorizationWildcard(),
    ];
    const summary = summarizeTab(7, records, 0);
    // The blocked one is already counted as blocked; the spec-only difference is not a browser.
    expect(summary.failElsewhere).toBe(1);
    expect(summary.allowed).toBe(3);
    expect(summary.blocked).toBe(1);
  });
});
