/**
 * With TLS_CERT and TLS_KEY the server speaks HTTPS and WSS only, so tokens do not cross the
 * venue's wifi in clear, and the links it hands out say https. The certificate is a self-signed
 * one for localhost made for these tests (tests/fixtures/tls).
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { configFromEnv } from '../../server/config.ts';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { newDataDir, serverHarness } from '../support/testServer.ts';

const harness = serverHarness();
const fixture = (name: string) => new URL(`../fixtures/tls/${name}`, import.meta.url);
const tls = { cert: readFileSync(fixture('cert.pem')), key: readFileSync(fixture('key.pem')) };
const ca = tls.cert;

function httpsJson(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method, ca, headers: { 'Content-Type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }),
        );
      },
    );
    request.on('error', reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('TLS', () => {
  it('serves the API over HTTPS, hands out https links and syncs over WSS', async () => {
    const server = await harness.start(newDataDir(), { tls });
    expect(server.baseUrl).toMatch(/^https:/);
    const health = await httpsJson(`${server.baseUrl}/healthz`, 'GET');
    expect(health.status).toBe(200);

    const created = await httpsJson(`${server.baseUrl}/api/boards`, 'POST', { title: 'Secure' });
    expect(created.status).toBe(201);
    const board = created.json as CreateBoardResponse;
    expect(board.facilitatorUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    expect(board.joinUrl).toMatch(/^https:/);

    const socket = new WebSocket(
      `${server.wsUrl}/${board.boardId}?token=${board.facilitatorToken}`,
      { ca },
    );
    const firstFrame = await new Promise<Buffer>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data));
      socket.once('error', reject);
    });
    expect(firstFrame[0]).toBe(0); // a y-protocols sync message: the board answers over WSS
    socket.close();
  });

  it('speaks no plain HTTP on its port', async () => {
    const server = await harness.start(newDataDir(), { tls });
    const plain = server.baseUrl.replace('https:', 'http:');
    const outcome = await new Promise<string>((resolve) => {
      const request = httpRequest(`${plain}/healthz`, (response) => {
        resolve(`answered ${response.statusCode}`);
        response.resume();
      });
      request.on('error', () => resolve('refused'));
      request.end();
    });
    expect(outcome).not.toBe('answered 200');
  });

  it('needs both TLS_CERT and TLS_KEY', () => {
    expect(() => configFromEnv({ TLS_CERT: 'cert.pem' })).toThrow(/TLS_CERT and TLS_KEY/);
    expect(configFromEnv({ TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }).tls).toMatchObject({
      certFile: expect.stringMatching(/c\.pem$/),
      keyFile: expect.stringMatching(/k\.pem$/),
    });
    expect(configFromEnv({}).tls).toBeNull();
  });
});
