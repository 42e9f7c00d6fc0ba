/**
 * The serialized origin of a URL string (`#ascii-serialisation-of-an-origin`), the one helper the
 * capture, the summary and the HAR import share: `https://a.example:8443`, `null` for an opaque
 * origin (`data:`, `file:` in Chromium, `about:blank`…), undefined when the URL does not parse.
 */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Like originOf, but an opaque origin names no one: undefined (the HAR import's fallbacks). */
export function tupleOriginOf(url: string | undefined): string | undefined {
  const origin = originOf(url);
  return origin === 'null' ? undefined : origin;
}
