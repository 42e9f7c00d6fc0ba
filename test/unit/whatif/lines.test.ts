import { describe, expect, it } from 'vitest';
import { formatHeaderLines, parseHeaderLines, removeHeader, setHeader } from '../../../src/whatif';

const h = (name: string, value: string) => ({ name, value });

describe('header lines', () => {
  it('format and parse round-trip, order and duplicates kept', () => {
    const headers = [
      h('Access-Control-Allow-Origin', 'https://a.example'),
      h('Vary', 'Origin'),
      h('Vary', 'Cookie'),
    ];
    const text = formatHeaderLines(headers);
    expect(text).toBe('Access-Control-Allow-Origin: https://a.example\nVary: Origin\nVary: Cookie');
    expect(parseHeaderLines(text)).toEqual({ headers, invalid: [] });
  });

  it('skips blank lines, trims values, keeps a colon inside the value', () => {
    expect(parseHeaderLines('\n  X-A :  one  \r\n\nLocation: https://b.example:8443/x\n').headers).toEqual([
      h('X-A', 'one'),
      h('Location', 'https://b.example:8443/x'),
    ]);
  });

  it('reports lines that are not Name: value, by number, and leaves them out', () => {
    const parsed = parseHeaderLines('Good: 1\nno colon here\n: empty name\nBad Name: 2\nAlso-Good:');
    expect(parsed.headers).toEqual([h('Good', '1'), h('Also-Good', '')]);
    expect(parsed.invalid).toEqual([2, 3, 4]);
  });

  it('setHeader replaces the first line of that name, drops the others, appends when absent', () => {
    const two = [h('access-control-allow-origin', 'a'), h('X', '1'), h('Access-Control-Allow-Origin', 'b')];
    expect(setHeader(two, 'Access-Control-Allow-Origin', 'c')).toEqual([
      h('access-control-allow-origin', 'c'),
      h('X', '1'),
    ]);
    expect(setHeader([h('X', '1')], 'Vary', 'Origin')).toEqual([h('X', '1'), h('Vary', 'Origin')]);
  });

  it('removeHeader drops every line of the name, case-insensitively', () => {
    expect(removeHeader([h('Location', '/a'), h('X', '1'), h('location', '/b')], 'LOCATION')).toEqual([
      h('X', '1'),
    ]);
  });
});
