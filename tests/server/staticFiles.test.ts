/**
 * The built client's files, through the real server on port 0: a browser that accepts brotli or
 * gzip gets the compressed copy the build wrote beside each file (vite.config.ts), byte for byte
 * the file once decoded; one that accepts neither, or a file without a copy, gets the file itself.
 * A missing asset is a 404 (a lazy chunk gone after a redeploy), while a page route gets the app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../server/createServer.ts';
import { newDataDir, quietLogger } from '../support/testServer.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5_000))});\n`;

async function serveClient(): Promise<number> {
  const dataDir = newDataDir();
  const clientDir = join(dataDir, 'client');
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Continuum</title>');
  writeFileSync(join(clientDir, 'assets', 'app.js'), SCRIPT);
  writeFileSync(join(clientDir, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(clientDir, 'assets', 'app.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(clientDir, 'assets', 'plain.js'), SCRIPT);
  const server = createServer(
    { host: '127.0.0.1', port: 0, publicUrl: null, dataDir, clientDir },
    quietLogger,
  );
  const port = await server.listen();
  closers.push(() => server.close());
  return port;
}

interface Answer {
  status: number | undefined;
  encoding: string | undefined;
  vary: string | undefined;
  type: string | undefined;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding). */
function get(port: number, path: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    request({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          encoding: response.headers['content-encoding'],
          vary: response.headers.vary,
          type: response.headers['content-type'],
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the built client, compressed', () => {
  it('sends brotli where accepted, else gzip, else the file, each decoding to the file', async () => {
    const port = await serveClient();
    const brotli = await get(port, '/assets/app.js', 'gzip, deflate, br');
    expect(brotli.encoding).toBe('br');
    expect(brotli.type).toMatch(/^text\/javascript/);
    expect(brotli.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 10);

    const gzip = await get(port, '/assets/app.js', 'gzip, deflate');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

    const plain = await get(port, '/assets/app.js');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('honours q=0 and sends a file without a compressed copy as it is', async () => {
    const port = await serveClient();
    const refused = await get(port, '/assets/app.js', 'br;q=0, gzip;q=0');
    expect(refused.encoding).toBeUndefined();
    expect(refused.body.toString()).toBe(SCRIPT);
    const uncopied = await get(port, '/assets/plain.js', 'gzip, br');
    expect(uncopied.encoding).toBeUndefined();
    expect(uncopied.body.toString()).toBe(SCRIPT);
  });
});

describe('what is not a file', () => {
  it('answers 404 for a missing asset, and the app for a page route', async () => {
    const port = await serveClient();
    const chunk = await get(port, '/assets/StartPage-gone.js', 'gzip, br');
    expect(chunk.status).toBe(404);
    expect(chunk.type).toMatch(/^text\/plain/);
    expect(chunk.body.toString()).not.toContain('<!doctype html>');

    const page = await get(port, '/b/some-board');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body.toString()).toContain('<title>Continuum</title>');
  });
});
