// Where the app may send a browser after signing in or from a "back" link: a path on this site, by an
// allow-list rather than a list of known tricks. Browsers strip tabs and newlines from URLs and read
// a backslash as a slash, so "/\t/evil.example" and "/\\evil.example" both leave the site.

const PROBE_ORIGIN = "http://x";

/**
 * `to` when it is a path on this site, else `fallback`: one "/" followed by a path character (not a
 * second "/" or a "\"), no backslash, whitespace or control character anywhere (nor, in the path,
 * percent-encoded: %09, %0A, %2F, %5C…), and, parsed against a placeholder origin, still on it.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2_000) return fallback;
  if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%?#]/.test(to) && to !== "/") return fallback;
  if (/[\\\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(to)) return fallback;
  // In the path, encoded control characters, spaces, slashes and backslashes are decoded by some
  // servers and proxies on the way (the query may carry them: a returnTo of its own, say).
  const path = to.split(/[?#]/)[0];
  if (/%(?:0[0-9a-f]|1[0-9a-f]|2f|5c|7f|20)/i.test(path)) return fallback;
  try {
    const url = new URL(to, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
