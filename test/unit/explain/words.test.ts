import { describe, expect, it } from 'vitest';
import type { Evaluation, TraceStep } from '../../../src/evaluator/types';
import {
  CORS_ERROR_CODES,
  describeStep,
  describeWarning,
  mdnUrl,
  RULE_IDS,
  reasonLabel,
  summarize,
  WARNING_CODES,
} from '../../../src/explain';
import { ex, missingAllowOrigin, rec } from './fixtures';

// Every code of every union has words: the lists in src/explain/codes.ts are checked against the
// unions at compile time, and here each member is rendered.

const base = missingAllowOrigin();

function withError(evaluation: Evaluation, corsError: Evaluation['corsError']): Evaluation {
  return { ...evaluation, corsError, failedParameter: 'x-value' };
}

describe('every CorsErrorCode has words', () => {
  it.each(CORS_ERROR_CODES)('%s: sentence, label and MDN link', (code) => {
    const record = { ...base, evaluation: withError(base.evaluation, code) };
    const sentence = summarize(record);
    expect(sentence.length).toBeGreaterThan(30);
    expect(sentence).not.toContain(code);
    expect(sentence).not.toContain('undefined');
    const label = reasonLabel(record.evaluation);
    expect(label).not.toBe(code);
    expect(label.length).toBeGreaterThan(3);
    const mdn = mdnUrl(code);
    if (mdn !== null)
      expect(mdn).toMatch(
        /^https:\/\/developer\.mozilla\.org\/en-US\/docs\/Web\/HTTP\/Guides\/CORS\/Errors\/CORS[A-Za-z]+$/,
      );
  });

  it('gives each code its own sentence', () => {
    const sentences = CORS_ERROR_CODES.map((code) =>
      summarize({ ...base, evaluation: withError(base.evaluation, code) }),
    );
    expect(new Set(sentences).size).toBe(CORS_ERROR_CODES.length);
  });

  it('links the MDN page named after the Firefox reason when one is given', () => {
    expect(mdnUrl('MissingAllowOriginHeader')).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin',
    );
    expect(mdnUrl('AllowOriginMismatch', 'CORSAllowOriginNotMatchingOrigin')).toMatch(
      /CORSAllowOriginNotMatchingOrigin$/,
    );
    expect(mdnUrl(null, 'CORSDidNotSucceed')).toMatch(/CORSDidNotSucceed$/);
    expect(mdnUrl('HeaderDisallowedByPreflightResponse')).toMatch(/CORSMissingAllowHeaderFromPreflight$/);
    expect(mdnUrl('DisallowedByMode')).toBeNull();
    expect(mdnUrl(null)).toBeNull();
  });
});

describe('every WarningCode has words', () => {
  it.each(WARNING_CODES)('%s', (code) => {
    const words = describeWarning({
      code,
      on: 'response',
      subject: 'access-control-allow-origin',
      value: 'v',
    });
    expect(words.title.length).toBeGreaterThan(10);
    expect(words.detail.length).toBeGreaterThan(20);
    expect(['security', 'compat', 'info']).toContain(words.severity);
  });

  it('rates origin reflection with credentials as a security problem', () => {
    expect(describeWarning({ code: 'origin-reflected-with-credentials', on: 'response' }).severity).toBe(
      'security',
    );
  });
});

describe('every RuleId has words and a spec link', () => {
  it.each(RULE_IDS)('%s', (rule) => {
    const step: TraceStep = {
      rule,
      anchor: '#concept-cors-check',
      on: 'response',
      outcome: 'fail',
      actual: null,
    };
    const words = describeStep(step);
    expect(words.title.length).toBeGreaterThan(5);
    expect(words.specUrl).toBe('https://fetch.spec.whatwg.org/#concept-cors-check');
    expect(words.detail).toContain('absent');
  });

  it('gives every rule a distinct title', () => {
    const titles = RULE_IDS.map(
      (rule) => describeStep({ rule, anchor: '#x', on: 'request', outcome: 'pass' }).title,
    );
    expect(new Set(titles).size).toBe(RULE_IDS.length);
  });

  it('describes real trace steps with their values, and refuses a hostile anchor', () => {
    const record = rec(
      ex({
        response: {
          status: 200,
          headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://evil.example' }],
        },
      }),
    );
    const failing = record.evaluation.trace.find((s) => s.outcome === 'fail');
    expect(failing).toBeDefined();
    if (failing === undefined) return;
    const words = describeStep(failing);
    expect(words.detail).toContain('https://evil.example');
    expect(words.specUrl.startsWith('https://fetch.spec.whatwg.org/#')).toBe(true);
    expect(words.detail).not.toContain('(different-origin)');
    expect(describeStep({ ...failing, detail: 'trailing-slash' }).detail).toContain(
      'differs by a trailing slash',
    );
    expect(describeStep({ ...failing, detail: 'capped:7200' }).detail).toContain(
      'capped max-age, cached 7200 s',
    );
    const hostile = describeStep({ ...failing, anchor: '#"><script>alert(1)</script>' });
    expect(hostile.specUrl).toBe('https://fetch.spec.whatwg.org/');
  });
});
