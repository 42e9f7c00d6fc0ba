import { describe, expect, it } from 'vitest';
import { originOf, tupleOriginOf } from '../../../src/evaluator/origin-of';

describe('originOf (the one helper of capture, summary and HAR import)', () => {
  it('serializes tuple origins, default ports dropped, others kept', () => {
    expect(originOf('https://a.example/x?y#z')).toBe('https://a.example');
    expect(originOf('https://a.example:443/')).toBe('https://a.example');
    expect(originOf('http://a.example:8080/')).toBe('http://a.example:8080');
    expect(originOf('HTTP://A.Example/')).toBe('http://a.example');
  });

  it('an opaque origin is "null" for the capture, no one for the HAR fallbacks', () => {
    for (const url of ['data:text/plain,hi', 'about:blank', 'blob:null/1234']) {
      expect(originOf(url)).toBe('null');
      expect(tupleOriginOf(url)).toBeUndefined();
    }
    expect(tupleOriginOf('https://b.example/p')).toBe('https://b.example');
  });

  it('an unparsable or missing URL has no origin', () => {
    expect(originOf('not a url')).toBeUndefined();
    expect(originOf(undefined)).toBeUndefined();
    expect(tupleOriginOf('/relative')).toBeUndefined();
  });
});
