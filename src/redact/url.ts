import { redactSecretPaths } from './paths';
import { type Lists, listsOf, looksSecret, REDACTED, type RedactionLists } from './secrets';

/**
 * A URL with secrets replaced: the userinfo (user name and password), parameters named in the
 * list or whose value looks like a secret, and path segments that look like a key or token
 * (`/v1/sk_live_…/charges`). Works on the text (no re-serialisation), so everything else stays
 * byte-for-byte and relative URLs work too.
 */
export function redactUrl(url: string, settings: RedactionLists): string {
  return redactUrlWith(url, listsOf(settings));
}

export function redactUrlWith(url: string, lists: Lists): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? null : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeHash.slice(queryAt + 1);
  let out = redactPath(redactUserinfo(base));
  if (query !== null) out += `?${redactParams(query, lists)}`;
  if (fragment !== null) out += `#${redactParams(fragment, lists)}`;
  return out;
}

/**
 * `https://user:secret@host/` → `https://[REDACTED]:[REDACTED]@host/`: a user name is often an
 * e-mail address or an API key (`https://KEY@host`), so both parts go.
 */
function redactUserinfo(base: string): string {
  return base.replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@?#]*)@/,
    (_all, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon === -1 ? `${scheme}${REDACTED}@` : `${scheme}${REDACTED}:${REDACTED}@`;
    },
  );
}

/**
 * Path segments after the authority that look like secrets, and webhook paths whose key is the
 * secret (./paths.ts); the scheme and host are kept.
 */
function redactPath(base: string): string {
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/.exec(base);
  const head = authority ? authority[0] : '';
  const path = redactSecretPaths(base.slice(head.length));
  return head + path.replace(/[^/;]+/g, (segment) => (looksSecret(segment) ? REDACTED : segment));
}

/**
 * `a=1&token=x` → `a=1&token=[REDACTED]`. `?` also separates, for hash routes
 * (`#/cb?token=x`); over-matching inside a value only ever redacts more, never less.
 */
function redactParams(text: string, lists: Lists): string {
  return text
    .split(/([&?;])/)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return looksSecret(pair) ? REDACTED : pair;
      const name = decodeName(pair.slice(0, eq)).toLowerCase();
      return lists.params.has(name) || looksSecret(pair.slice(eq + 1))
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
