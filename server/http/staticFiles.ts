/**
 * Serves the built client from dist/client. Hashed assets are cached for a year; every other
 * path that is not a file gets index.html, so client-side routes (/b/…, /join/…) load the app.
 * A miss under /assets/ is a 404, not index.html: a chunk gone after a redeploy must fail as a
 * missing file (which the client answers with one reload), not as HTML served for a script.
 * The build writes a compressed copy beside each text file (`x.js.br`, `x.js.gz`, vite.config.ts):
 * a browser that accepts one gets it, a third of the bytes or less, with no work here.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Brotli first (browsers offer it over HTTPS only), then gzip. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function acceptsEncoding(request: IncomingMessage, name: string): boolean {
  const accepted = request.headers['accept-encoding'];
  if (typeof accepted !== 'string') return false;
  return accepted.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    return coding?.trim() === name && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
  });
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const url = new URL(request.url ?? '/', 'http://local');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '/';
  }
  const candidate = normalize(join(root, pathname));
  const insideRoot = candidate === root || candidate.startsWith(root + sep);
  const isFile = insideRoot && isRegularFile(candidate);
  if (!isFile && pathname.startsWith('/assets/')) {
    response.writeHead(404, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : 'Not found');
    return;
  }
  const file = isFile ? candidate : join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The client is not built yet: run `npm run build` (npm start does it for you).');
    return;
  }
  const hashedAsset = pathname.startsWith('/assets/');
  const encoding = ENCODINGS.find(
    ({ name, suffix }) => acceptsEncoding(request, name) && isRegularFile(file + suffix),
  );
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding.name } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file removed mid-read (a rebuild) ends this response, not the process.
  createReadStream(encoding ? file + encoding.suffix : file)
    .on('error', () => response.destroy())
    .pipe(response);
}
