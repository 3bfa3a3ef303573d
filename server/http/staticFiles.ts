/**
 * Serves the built client from dist/client. Hashed assets are cached for a year; every other
 * path that is not a file gets index.html, so client-side routes (/b/…, /join/…) load the app.
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
  const file = isFile ? candidate : join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The client is not built yet: run `npm run build` (npm start does it for you).');
    return;
  }
  const hashedAsset = isFile && pathname.startsWith('/assets/');
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file removed mid-read (a rebuild) ends this response, not the process.
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}
