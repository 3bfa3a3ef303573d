/**
 * The links a server hands out, through the real server on port 0: never loopback when the
 * machine has a LAN address (a phone cannot open them), PUBLIC_URL when it is set, and the
 * LAN origin is a page origin the websocket accepts.
 */
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer } from '../../server/createServer.ts';
import type { NetworkView } from '../../server/http/publicOrigin.ts';
import type { AddressesResponse, CreateBoardResponse, ErrorResponse } from '../../shared/api.ts';
import { newDataDir, quietLogger } from '../support/testServer.ts';

/** A machine on the room's wifi (eth0, the default route) and a container bridge. */
const ROOM_NETWORK: NetworkView = {
  routeTable: () =>
    'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n' +
    'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n',
  interfaces: () => ({
    lo: [
      {
        address: '127.0.0.1',
        netmask: '255.0.0.0',
        family: 'IPv4',
        mac: '00:00:00:00:00:00',
        internal: true,
        cidr: '127.0.0.1/8',
      },
    ],
    docker0: [
      {
        address: '172.17.0.1',
        netmask: '255.255.0.0',
        family: 'IPv4',
        mac: '02:42:00:00:00:01',
        internal: false,
        cidr: '172.17.0.1/16',
      },
    ],
    eth0: [
      {
        address: '192.0.2.2',
        netmask: '255.255.255.0',
        family: 'IPv4',
        mac: '02:00:00:00:00:02',
        internal: false,
        cidr: '192.0.2.2/24',
      },
    ],
  }),
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(
  options: { host?: string; publicUrl?: string | null; network?: NetworkView | 'system' } = {},
): Promise<number> {
  const dataDir = newDataDir();
  const server = createServer(
    {
      host: options.host ?? '0.0.0.0',
      port: 0,
      publicUrl: options.publicUrl ?? null,
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      ...(options.network === 'system' ? {} : { network: options.network ?? ROOM_NETWORK }),
    },
    quietLogger,
  );
  const port = await server.listen();
  closers.push(() => server.close());
  return port;
}

/** A request to 127.0.0.1 as a browser that typed `host` in its address bar sends it. */
function call<T>(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  host: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          Host: host,
          ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
          ...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (response) => {
        let data = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          data += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(data) as T }),
        );
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

const LOOPBACK = /localhost|127\.0\.0\.1|\[::1\]/;

describe('the links of a server opened on loopback', () => {
  it.each(['127.0.0.1', 'localhost'])(
    'point at the LAN address of the default route when the request came to %s',
    async (loopback) => {
      const port = await start();
      const host = `${loopback}:${port}`;
      const lan = `http://192.0.2.2:${port}`;

      const addresses = await call<AddressesResponse>(port, 'GET', '/api/addresses', host);
      expect(addresses.status).toBe(200);
      expect(addresses.body).toEqual({
        origin: lan,
        addresses: [lan, `http://172.17.0.1:${port}`],
        publicUrl: false,
      });

      const created = await call<CreateBoardResponse>(port, 'POST', '/api/boards', host, {
        title: 'Retreat',
      });
      expect(created.status).toBe(201);
      expect(created.body.joinUrl).toBe(
        `${lan}/join/${created.body.boardId}#code=${created.body.joinCode}`,
      );
      expect(created.body.facilitatorUrl).toBe(
        `${lan}/b/${created.body.boardId}#token=${created.body.facilitatorToken}`,
      );

      // The facilitator's other links (a projector, a co-facilitator) follow the same rule.
      const projector = await call<{ url: string }>(
        port,
        'POST',
        `/api/boards/${created.body.boardId}/observer-links`,
        host,
        {},
        created.body.facilitatorToken,
      );
      expect(projector.status).toBe(201);
      expect(projector.body.url.startsWith(`${lan}/b/`)).toBe(true);
      for (const link of [created.body.joinUrl, created.body.facilitatorUrl, projector.body.url]) {
        expect(link).not.toMatch(LOOPBACK);
      }
    },
  );

  it('keep the address the request came to when it is not loopback', async () => {
    const port = await start();
    const host = `172.17.0.1:${port}`;
    const addresses = await call<AddressesResponse>(port, 'GET', '/api/addresses', host);
    expect(addresses.body.origin).toBe(`http://${host}`);
    expect(addresses.body.addresses).toEqual([`http://${host}`, `http://192.0.2.2:${port}`]);
    const created = await call<CreateBoardResponse>(port, 'POST', '/api/boards', host, {
      title: 'Retreat',
    });
    expect(created.body.joinUrl.startsWith(`http://${host}/join/`)).toBe(true);
  });

  it('are PUBLIC_URL when it is set, whatever address the request came to', async () => {
    const port = await start({ publicUrl: 'https://retreat.example.org/' });
    const addresses = await call<AddressesResponse>(
      port,
      'GET',
      '/api/addresses',
      `127.0.0.1:${port}`,
    );
    // Asked from this machine (in the room): the LAN addresses too, to choose from.
    expect(addresses.body).toEqual({
      origin: 'https://retreat.example.org',
      addresses: [
        'https://retreat.example.org',
        `http://192.0.2.2:${port}`,
        `http://172.17.0.1:${port}`,
      ],
      publicUrl: true,
    });
    const created = await call<CreateBoardResponse>(
      port,
      'POST',
      '/api/boards',
      `localhost:${port}`,
      { title: 'Retreat' },
    );
    expect(created.body.joinUrl.startsWith('https://retreat.example.org/join/')).toBe(true);
    expect(created.body.facilitatorUrl.startsWith('https://retreat.example.org/b/')).toBe(true);
  });

  it('stay on loopback when the server listens on loopback only (no LAN address reaches it)', async () => {
    const port = await start({ host: '127.0.0.1' });
    const host = `127.0.0.1:${port}`;
    const addresses = await call<AddressesResponse>(port, 'GET', '/api/addresses', host);
    expect(addresses.body).toEqual({
      origin: `http://${host}`,
      addresses: [`http://${host}`],
      publicUrl: false,
    });
  });

  it("use this machine's own default route when nothing is injected", async () => {
    const port = await start({ network: 'system' });
    const addresses = await call<AddressesResponse>(
      port,
      'GET',
      '/api/addresses',
      `localhost:${port}`,
    );
    // A machine without any network keeps loopback; one with a LAN never hands it out.
    if (addresses.body.addresses.length > 1) expect(addresses.body.origin).not.toMatch(LOOPBACK);
    expect(addresses.body.origin.endsWith(`:${port}`)).toBe(true);
  });
});

describe('a page on the LAN origin', () => {
  it('may open the websocket (its Origin is the Host it asked)', async () => {
    const port = await start();
    const lanHost = `192.0.2.2:${port}`;
    const created = await call<CreateBoardResponse>(port, 'POST', '/api/boards', lanHost, {
      title: 'Retreat',
    });
    const open = (origin: string) =>
      new Promise<{ code: number | null; reason: string }>((resolve) => {
        const ws = new WebSocket(
          `ws://127.0.0.1:${port}/ws/${created.body.boardId}?token=${created.body.facilitatorToken}`,
          { origin, headers: { Host: lanHost } },
        );
        ws.on('message', () => {
          ws.close();
          resolve({ code: null, reason: 'received the board' });
        });
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        ws.on('error', () => undefined);
      });
    expect(await open(`http://${lanHost}`)).toEqual({ code: null, reason: 'received the board' });
    expect(await open('http://evil.example')).toEqual({ code: 4401, reason: 'Origin not allowed' });
  });
});

describe('names', () => {
  it.each([
    ['   ', 'name: Please enter your name.', 'nameRequired'],
    ['x'.repeat(200), 'name: Please keep the name to 60 characters or fewer.', 'nameTooLong'],
  ])('a join with the name %j is refused in words, naming the field', async (name, error, code) => {
    const port = await start({ host: '127.0.0.1' });
    const host = `127.0.0.1:${port}`;
    const created = await call<CreateBoardResponse>(port, 'POST', '/api/boards', host, {
      title: 'Retreat',
    });
    const joined = await call<ErrorResponse>(
      port,
      'POST',
      `/api/boards/${created.body.boardId}/participants`,
      host,
      { joinCode: created.body.joinCode, name },
    );
    expect(joined).toEqual({ status: 400, body: { error, code, field: 'name' } });
  });

  it('a name of exactly 60 characters is taken whole', async () => {
    const port = await start({ host: '127.0.0.1' });
    const host = `127.0.0.1:${port}`;
    const created = await call<CreateBoardResponse>(port, 'POST', '/api/boards', host, {
      title: 'Retreat',
    });
    const name = `  ${'y'.repeat(60)}  `;
    const joined = await call<{ token: string }>(
      port,
      'POST',
      `/api/boards/${created.body.boardId}/participants`,
      host,
      { joinCode: created.body.joinCode, name },
    );
    expect(joined.status).toBe(201);
    const me = await call<{ name: string }>(
      port,
      'GET',
      `/api/boards/${created.body.boardId}/me`,
      host,
      undefined,
      joined.body.token,
    );
    expect(me.body.name).toBe('y'.repeat(60));
  });
});
