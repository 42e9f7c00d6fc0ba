import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdText, REDACTED, redactUrl } from '../../../src/report';

const settings = { redactHeaders: [], redactParams: ['token', 'sig'] };

describe('report properties', () => {
  it('redactUrl never throws, keeps other parameters, and removes every token value', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        (url, secret) => {
          const withSecret = `${url}${url.includes('?') ? '&' : '?'}token=SECRET${secret}`;
          const out = redactUrl(withSecret, settings);
          expect(out).not.toContain(`SECRET${secret}`);
          expect(out).toContain(`token=${REDACTED}`);
          expect(out.startsWith(url.split('?')[0]?.split('#')[0] ?? '')).toBe(true);
        },
      ),
    );
    fc.assert(fc.property(fc.string(), (text) => void redactUrl(text, settings)));
  });

  it('mdText output never contains raw markup or an unescaped pipe or newline', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = mdText(text);
        expect(out).not.toMatch(/[<>\n\r]/);
        expect(out).not.toMatch(/(^|[^\\])(\\\\)*\|/);
        expect(out).not.toMatch(/(^|[^\\])(\\\\)*`/);
      }),
    );
  });
});
