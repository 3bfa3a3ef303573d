/**
 * TRUSTED_PROXIES, through the real server on port 0: behind a trusted proxy every per-address
 * cap counts the client its X-Forwarded-For names (walked from the right, so a client cannot
 * name itself someone else), and without one the header is ignored, so nobody dodges a cap by
 * writing it. A bad setting refuses to start.
 */
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { configFromEnv, type Limits } from '../../server/config.ts';
import { createServer } from '../../server/createServer.ts';
import { TrustedProxies } from '../../server/http/clientAddress.ts';
import type { NetworkView } from '../../server/http/publicOrigin.ts';
import type { AddressesResponse } from '../../shared/api.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { slowRequestHead } from '../support/attackFrames.ts';
import { boardSocketUrl } from '../support/rawSocket.ts';
import { freePort, startServerProcess } from '../support/serverProcess.ts';
import {
  createBoard,
  type Endpoint,
  newDataDir,
  quietLogger,
  waitFor,
} from '../support/testServer.ts';

/** The machine on the room's wifi (192.0.2.2 on eth0, the default route). */
const ROOM_NETWORK: NetworkView = {
  routeTable: () =>
    'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n' +
    'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n',
  interfaces: () => ({
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
  trustedProxies: string | undefined,
  limits: Partial<Limits> = {},
  publicUrl: string | null = null,
): Promise<Endpoint> {
  const dataDir = newDataDir();
  const server = createServer(
    {
      // Every interface, so the machine's network addresses are offered (publicOrigin.ts).
      host: '0.0.0.0',
      port: 0,
      publicUrl,
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      network: ROOM_NETWORK,
      limits,
      trustedProxies: TrustedProxies.parse(trustedProxies),
    },
    quietLogger,
  );
  const port = await server.listen();
  closers.push(() => server.close());
  return { baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` };
}

type Admission = { admitted: true } | { admitted: false; code: number; reason: string };

/**
 * A websocket from `localAddress` (a proxy or a client on loopback) carrying `forwardedFor`:
 * admitted once the server sends its first message, refused when it is closed first.
 */
function openSocket(
  url: string,
  forwardedFor: string | null,
  localAddress = '127.0.0.1',
): Promise<Admission> {
  const ws = new WebSocket(url, {
    localAddress,
    headers: forwardedFor === null ? {} : { 'X-Forwarded-For': forwardedFor },
  });
  ws.on('error', () => undefined);
  closers.push(async () => ws.terminate());
  return new Promise((resolve) => {
    ws.once('message', () => resolve({ admitted: true }));
    ws.once('close', (code, reason) =>
      resolve({ admitted: false, code, reason: reason.toString('utf8') }),
    );
  });
}

/** A GET from `localAddress` with X-Forwarded-For, on a connection of its own. */
function getFrom(
  running: Endpoint,
  path: string,
  forwardedFor: string | null,
  localAddress = '127.0.0.1',
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${running.baseUrl}${path}`,
      {
        localAddress,
        agent: false,
        headers: forwardedFor === null ? {} : { 'X-Forwarded-For': forwardedFor },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const refusedForAddress = {
  admitted: false,
  code: CLOSES.tooManyFromAddress.code,
  reason: CLOSES.tooManyFromAddress.reason,
};

describe('websocket caps per address behind a proxy', () => {
  it('with TRUSTED_PROXIES=loopback, two clients behind the proxy are counted apart', async () => {
    const server = await start('loopback', { maxConnectionsPerAddress: 2 });
    const board = await createBoard(server);
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    expect(await openSocket(url, '203.0.113.1')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.1')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.1')).toEqual(refusedForAddress);
    // The proxy's own address holds three sockets already: the other client still gets in.
    expect(await openSocket(url, '203.0.113.2')).toEqual({ admitted: true });
  });

  it('without TRUSTED_PROXIES the header is ignored: a client cannot dodge the cap with it', async () => {
    const server = await start(undefined, { maxConnectionsPerAddress: 2 });
    const board = await createBoard(server);
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    expect(await openSocket(url, '203.0.113.1')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.2')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.3')).toEqual(refusedForAddress);
  });

  it('a peer that is not a trusted proxy is not believed either', async () => {
    const server = await start('127.0.0.2', { maxConnectionsPerAddress: 1 });
    const board = await createBoard(server);
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    expect(await openSocket(url, '203.0.113.1', '127.0.0.3')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.2', '127.0.0.3')).toEqual(refusedForAddress);
    expect(await openSocket(url, '203.0.113.2', '127.0.0.2')).toEqual({ admitted: true });
  });

  it('believes only what the proxies appended: a spoofed leftmost entry changes nothing', async () => {
    const server = await start('loopback', { maxConnectionsPerAddress: 2 });
    const board = await createBoard(server);
    const url = boardSocketUrl(server.wsUrl, board.boardId, board.facilitatorToken);
    // The client wrote the first entry itself; the proxy appended the address it saw.
    expect(await openSocket(url, '203.0.113.9, 198.51.100.7')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.10, 198.51.100.7')).toEqual({ admitted: true });
    expect(await openSocket(url, '203.0.113.11, 198.51.100.7')).toEqual(refusedForAddress);
    // Through two trusted proxies (the second on loopback too), with a port and as IPv4-mapped
    // IPv6: the same client.
    expect(await openSocket(url, '198.51.100.7:51234, 127.0.0.5')).toEqual(refusedForAddress);
    expect(await openSocket(url, '[::ffff:198.51.100.7]:443')).toEqual(refusedForAddress);
    // Garbage stops the walk at the hop right of it: what is left of it is never believed.
    expect(await openSocket(url, '198.51.100.7, unknown, 127.0.0.6')).toEqual({ admitted: true });
    expect(await openSocket(url, '198.51.100.8')).toEqual({ admitted: true });
  });
});

describe('HTTP limits per address behind a proxy', () => {
  it('counts failed code lookups per client, an IPv6 client by its /64', async () => {
    const server = await start('loopback', { failedCodeLookupsPerMinute: 2 });
    const lookup = (forwardedFor: string) => getFrom(server, '/api/join/ZZZZZZZZ', forwardedFor);
    expect((await lookup('2001:db8:1:2::1')).status).toBe(404);
    expect((await lookup('2001:db8:1:2::1')).status).toBe(404);
    expect((await lookup('2001:db8:1:2::99')).status).toBe(429);
    expect((await lookup('2001:db8:1:3::1')).status).toBe(404);
    expect((await lookup('203.0.113.1')).status).toBe(404);
  });

  it('tells the room, not the internet, the machine’s addresses: it judges the client', async () => {
    const publicUrl = 'https://retreat.example.org';
    const behindProxy = await start('loopback', {}, publicUrl);
    const addresses = async (running: Endpoint, forwardedFor: string) =>
      ((await getFrom(running, '/api/addresses', forwardedFor)).body as AddressesResponse)
        .addresses;
    expect(await addresses(behindProxy, '203.0.113.7')).toEqual([publicUrl]);
    expect(await addresses(behindProxy, '192.168.1.20')).toContain(
      `http://192.0.2.2:${new URL(behindProxy.baseUrl).port}`,
    );
    // Not trusted: the peer (loopback, this machine) is judged, whatever the header says.
    const direct = await start(undefined, {}, publicUrl);
    expect(await addresses(direct, '203.0.113.7')).toContain(
      `http://192.0.2.2:${new URL(direct.baseUrl).port}`,
    );
  });
});

describe('slow request heads behind a proxy', () => {
  it('a trusted proxy is not capped before its headers arrive; anyone else is', async () => {
    const server = await start('127.0.0.2', { maxPendingRequestsPerAddress: 3 });
    const heads = (address: string) =>
      Promise.all(Array.from({ length: 6 }, () => slowRequestHead(server, address)));
    const fromProxy = await heads('127.0.0.2');
    const fromClient = await heads('127.0.0.3');
    try {
      await waitFor(
        () => fromClient.filter(({ socket }) => socket.destroyed).length >= 3,
        'the client’s connections over the cap to be dropped',
      );
      // The proxy's connections were opened first: had they been capped, they would be cut.
      expect(fromProxy.filter(({ socket }) => socket.destroyed)).toHaveLength(0);
      expect(fromClient.filter(({ socket }) => socket.destroyed)).toHaveLength(3);
    } finally {
      for (const { socket } of [...fromProxy, ...fromClient]) socket.destroy();
    }
  });
});

describe('the TRUSTED_PROXIES setting', () => {
  it('reads addresses, CIDRs and the names loopback and private; none by default', () => {
    expect(configFromEnv({}).trustedProxies).toBeNull();
    const proxies = configFromEnv({
      TRUSTED_PROXIES: ' private, 203.0.113.5 ,fd12::/16',
    }).trustedProxies;
    expect(proxies?.entries).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      'fc00::/7',
      '203.0.113.5',
      'fd12::/16',
    ]);
    expect(['10.1.2.3', '172.31.0.1', 'fd00::1', '203.0.113.5'].every((a) => proxies?.has(a))).toBe(
      true,
    );
    expect(['172.32.0.1', '203.0.113.6', '127.0.0.1'].some((a) => proxies?.has(a))).toBe(false);
  });

  it.each([
    'proxy.example',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/8/8',
    '10.0.0.0/',
    'fe80::1%eth0',
    '300.1.1.1',
  ])('refuses "%s", naming the setting', (entry) => {
    expect(() => configFromEnv({ TRUSTED_PROXIES: `loopback,${entry}` })).toThrow(
      new RegExp(`TRUSTED_PROXIES: "${entry.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`),
    );
  });

  it('a bad entry stops the server at start with that message', { timeout: 30_000 }, async () => {
    const started = startServerProcess(newDataDir(), await freePort(), {
      env: { TRUSTED_PROXIES: 'loopback,nginx' },
    });
    await expect(started).rejects.toThrow(/TRUSTED_PROXIES: "nginx" is not an address/);
  });
});
