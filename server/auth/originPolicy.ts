/**
 * Which web pages may open a websocket to this server. Browsers always send `Origin` on a
 * websocket upgrade and let any page connect anywhere, so without this check another site could
 * open a board with a token it has stolen or planted. Allowed: the server's own origin (the
 * Origin's host is the request's Host, or it is PUBLIC_URL's origin) and ALLOWED_ORIGINS. A
 * request without `Origin` does not come from a browser page; its token alone decides.
 */
export interface OriginPolicy {
  allows(origin: string | undefined, host: string | undefined): boolean;
}

export function createOriginPolicy(
  publicUrl: string | null,
  allowedOrigins: readonly string[],
): OriginPolicy {
  const allowed = new Set(allowedOrigins);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return {
    allows(origin, host) {
      if (origin === undefined) return true;
      const page = parseOrigin(origin);
      if (page === null) return false; // "null" (sandboxed pages, files) and garbage
      if (allowed.has(page.origin)) return true;
      return host !== undefined && sameHost(page, host);
    },
  };
}

function parseOrigin(origin: string): URL | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The page's host and port equal the Host header's (a port left out is the scheme's default). */
function sameHost(page: URL, host: string): boolean {
  let requested: URL;
  try {
    requested = new URL(`${page.protocol}//${host}`);
  } catch {
    return false;
  }
  return page.host === requested.host;
}
