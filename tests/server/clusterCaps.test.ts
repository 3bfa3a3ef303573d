/**
 * The websocket caps count every instance's sockets (Redis), with two instances on one
 * PostgreSQL and one Redis: per board and per address a socket over the cap is refused on either
 * instance; a token's new socket on one closes its oldest on the other; a killed instance's
 * sockets stop counting once its instance key has lapsed; while Redis does not answer each
 * instance judges by its own counts. Real servers, raw sockets, a real Redis.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterLink } from '../../server/cluster/clusterLink.ts';
import { SharedCaps } from '../../server/cluster/sharedCaps.ts';
import type { Limits } from '../../server/config.ts';
import type { ConnectionCaps } from '../../server/rooms/connectionLimits.ts';
import { CLOSES } from '../../shared/closeCodes.ts';
import { clusterHarness } from '../support/clusterInstances.ts';
import { skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { boardSocketUrl, type RawSocket } from '../support/rawSocket.ts';
import { type RedisServer, skipWithoutRedis, startRedisServer } from '../support/redisServer.ts';
import { freePort, type ServerProcess, startServerProcess } from '../support/serverProcess.ts';
import {
  createBoard,
  type Endpoint,
  joinBoard,
  newDataDir,
  postJson,
  quietLogger,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const cluster = clusterHarness(harness);
const cleanups: (() => Promise<unknown> | undefined)[] = [];
afterEach(async () => {
  await harness.stop();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await cluster.stop();
});

async function twoInstances(limits: Partial<Limits>): Promise<[RunningServer, RunningServer]> {
  const [a, b] = (await cluster.start(2, limits)).servers;
  if (!a || !b) throw new Error('two instances expected');
  return [a, b];
}

/** A raw socket that the server admitted: its room sent it the first sync message. */
async function admitted(at: Endpoint, boardId: string, token: string): Promise<RawSocket> {
  const socket = await harness.socket(boardSocketUrl(at.wsUrl, boardId, token));
  await waitFor(
    () => socket.received.length > 0 || socket.isClosed(),
    'the room to greet the socket',
  );
  if (socket.isClosed()) throw new Error(`refused: ${JSON.stringify(await socket.closed)}`);
  return socket;
}

/** As the stock provider does: tries again while refused (A's release reaches Redis soon). */
async function admittedSoon(at: Endpoint, boardId: string, token: string): Promise<RawSocket> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      return await admitted(at, boardId, token);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How a socket is closed; `admitted` if its room greets it instead. */
async function refused(at: Endpoint, boardId: string, token: string) {
  const socket = await harness.socket(boardSocketUrl(at.wsUrl, boardId, token));
  await waitFor(() => socket.received.length > 0 || socket.isClosed(), 'a verdict on the socket');
  return socket.isClosed() ? await socket.closed : 'admitted';
}

describe('caps over two instances', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('a board of 3 sockets spread over both refuses a 4th on either, and frees a place on close', async () => {
    const [a, b] = await twoInstances({ maxConnectionsPerBoard: 3 });
    const board = await createBoard(a);
    const other = await createBoard(a);
    const token = board.facilitatorToken;
    const first = await admitted(a, board.boardId, token);
    await admitted(a, board.boardId, token);
    await admitted(b, board.boardId, token);

    expect(await refused(a, board.boardId, token)).toEqual(CLOSES.tooManyOnBoard);
    expect(await refused(b, board.boardId, token)).toEqual(CLOSES.tooManyOnBoard);
    // Another board is not affected.
    await admitted(b, other.boardId, other.facilitatorToken);

    // A socket closed on A makes room on B.
    first.ws.close();
    await first.closed;
    await admittedSoon(b, board.boardId, token);
  });

  it('an address with 3 sockets over both instances is refused a 4th on either', async () => {
    const [a, b] = await twoInstances({ maxConnectionsPerAddress: 3 });
    const boards = [await createBoard(a), await createBoard(a), await createBoard(b)];
    const [one, two, three] = boards;
    if (!one || !two || !three) throw new Error('boards not created');
    await admitted(a, one.boardId, one.facilitatorToken);
    await admitted(b, two.boardId, two.facilitatorToken);
    await admitted(b, three.boardId, three.facilitatorToken);

    expect(await refused(a, three.boardId, three.facilitatorToken)).toEqual(
      CLOSES.tooManyFromAddress,
    );
    expect(await refused(b, one.boardId, one.facilitatorToken)).toEqual(CLOSES.tooManyFromAddress);
  });

  it("a token's new socket on one instance closes its oldest on the other", async () => {
    const [a, b] = await twoInstances({ maxSocketsPerToken: 2 });
    const board = await createBoard(a);
    const ana = await joinBoard(a, board, 'Ana');
    const oldest = await admitted(a, board.boardId, ana.token);
    const second = await admitted(b, board.boardId, ana.token);

    const third = await admitted(b, board.boardId, ana.token);
    expect(await oldest.closed).toEqual(CLOSES.replacedByNewer);
    expect(second.isClosed() || third.isClosed()).toBe(false);

    // And back the other way: the oldest now is the second, on B.
    const fourth = await admitted(a, board.boardId, ana.token);
    expect(await second.closed).toEqual(CLOSES.replacedByNewer);
    expect(third.isClosed()).toBe(false);

    // And on the same instance: the oldest now is the third, on B.
    await admitted(b, board.boardId, ana.token);
    expect(await third.closed).toEqual(CLOSES.replacedByNewer);
    expect(fourth.isClosed()).toBe(false);
  });
});

describe('rates per address and per board over two instances', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('board creations, wrong join codes and unknown codes count what either instance saw', async () => {
    const [a, b] = await twoInstances({
      boardCreationsPerMinute: 2,
      wrongJoinCodesPerBoardPerMinute: 2,
      failedCodeLookupsPerMinute: 2,
    });
    const board = await createBoard(a);
    await createBoard(b);
    expect((await postJson(`${a.baseUrl}/api/boards`, { title: 'Third' })).status).toBe(429);
    expect((await postJson(`${b.baseUrl}/api/boards`, { title: 'Third' })).status).toBe(429);

    const wrongJoin = (at: Endpoint, joinCode: string) =>
      postJson(`${at.baseUrl}/api/boards/${board.boardId}/participants`, { joinCode, name: 'X' });
    expect((await wrongJoin(a, 'WRONGONE')).status).toBe(403);
    expect((await wrongJoin(b, 'WRONGTWO')).status).toBe(403);
    // Locked on both, the right code too.
    expect((await wrongJoin(a, board.joinCode)).status).toBe(429);
    expect((await wrongJoin(b, board.joinCode)).status).toBe(429);

    const lookUp = async (at: Endpoint, code: string) =>
      (await fetch(`${at.baseUrl}/api/join/${code}`)).status;
    expect(await lookUp(a, 'NOSUCHA1')).toBe(404);
    expect(await lookUp(b, 'NOSUCHB2')).toBe(404);
    expect(await lookUp(a, board.joinCode)).toBe(429);
    expect(await lookUp(b, board.joinCode)).toBe(429);
  });
});

describe('an instance killed with its sockets', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('stops counting once its instance key lapses', async () => {
    const shared = await cluster.start(1, { maxConnectionsPerBoard: 3 });
    const [b] = shared.servers;
    if (!b) throw new Error('an instance expected');
    const redis = new Redis(shared.redis.url);
    cleanups.push(() => redis.quit());
    const before = new Set(await redis.keys('continuum:alive:*'));
    const killed: ServerProcess = await startServerProcess(newDataDir(), await freePort(), {
      env: {
        DATABASE_URL: shared.databaseUrl,
        REDIS_URL: shared.redis.url,
        MAX_CONNECTIONS_PER_BOARD: '3',
      },
    });
    cleanups.push(() => killed.stop('SIGKILL'));
    const killedKey = (await redis.keys('continuum:alive:*')).find((key) => !before.has(key));
    if (killedKey === undefined) throw new Error('the second instance has no instance key');

    const board = await createBoard(b);
    const token = board.facilitatorToken;
    for (let i = 0; i < 3; i++) await admitted(killed, board.boardId, token);
    expect(await refused(b, board.boardId, token)).toEqual(CLOSES.tooManyOnBoard);

    killed.kill('SIGKILL');
    await killed.exited;
    // Its sockets count as long as its key lives (a few seconds); the key lapsing, now:
    expect(await refused(b, board.boardId, token)).toEqual(CLOSES.tooManyOnBoard);
    await redis.del(killedKey);
    for (let i = 0; i < 3; i++) await admitted(b, board.boardId, token);
    expect(await refused(b, board.boardId, token)).toEqual(CLOSES.tooManyOnBoard);
  });
});

/** An instance's caps alone, on its own line to Redis. */
async function capsInstance(redis: RedisServer, caps: ConnectionCaps): Promise<SharedCaps> {
  const link = new ClusterLink(redis.url, quietLogger);
  await link.start();
  cleanups.push(() => link.close());
  const shared = new SharedCaps(link, caps, quietLogger);
  await shared.start();
  return shared;
}

const onBoard = (person: string) => ({
  boardId: 'board',
  address: '198.51.100.7',
  holder: `board/${person}`,
});

describe('when Redis does not answer', () => {
  skipWithoutRedis();

  /**
   * A holds Ana and Ben on a board of 2; then A's key lapses (heartbeats that did not reach
   * Redis) and B, taking A for dead, drops its sockets and admits Cy. Returns A, and a check
   * that is true once B is refused again (A's sockets count again).
   */
  async function lapsedInstance() {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const caps = {
      maxConnectionsPerBoard: 2,
      maxConnectionsPerAddress: 100,
      maxSocketsPerToken: 8,
    };
    const a = await capsInstance(redis, caps);
    const b = await capsInstance(redis, caps);
    expect('seat' in (await a.admit(onBoard('ana')))).toBe(true);
    expect('seat' in (await a.admit(onBoard('ben')))).toBe(true);
    expect(await b.admit(onBoard('cy'))).toEqual({ refused: CLOSES.tooManyOnBoard });

    const client = new Redis(redis.url);
    cleanups.push(() => client.quit());
    for (const key of await client.keys('continuum:alive:*')) await client.del(key);
    const cy = await b.admit(onBoard('cy'));
    if (!('seat' in cy)) throw new Error('Cy refused');
    cy.seat.release();
    const bIsRefused = async () => {
      const answer = await b.admit(onBoard('eve'));
      if ('refused' in answer) return true;
      answer.seat.release();
      return false;
    };
    return { a, bIsRefused };
  }

  it('an instance whose key lapsed while it lived registers its sockets again', async () => {
    const { a, bIsRefused } = await lapsedInstance();
    // A's next admission tells it so; it registers Ana and Ben again.
    expect('seat' in (await a.admit(onBoard('dee')))).toBe(true);
    await eventually(bIsRefused, "A's sockets to count again");
  });

  it('an instance whose key lapsed and came back by its heartbeat registers its sockets again', async () => {
    // A admits nobody: its next heartbeat (every 2 s) finds the key gone.
    const { bIsRefused } = await lapsedInstance();
    await eventually(bIsRefused, "A's sockets to count again after its heartbeat");
  });

  it('an instance judges by its own counts, and registers its sockets again once Redis is back', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const caps = {
      maxConnectionsPerBoard: 2,
      maxConnectionsPerAddress: 100,
      maxSocketsPerToken: 8,
    };
    const instance = () => capsInstance(redis, caps);
    const origin = onBoard;
    const a = await instance();

    await redis.kill();
    // Nobody is refused for Redis being away: this instance's own counts judge.
    const ana = await a.admit(origin('ana'));
    const ben = await a.admit(origin('ben'));
    expect(await a.admit(origin('cy'))).toEqual({ refused: CLOSES.tooManyOnBoard });
    if (!('seat' in ana) || !('seat' in ben)) throw new Error('refused while Redis was away');
    ana.seat.release();
    const dee = await a.admit(origin('dee'));
    expect('seat' in dee).toBe(true);

    // Redis restarts empty; A registers Ben and Dee again, and not Ana, released meanwhile.
    await redis.restart();
    const b = await instance();
    // Another instance, once A's line is back, sees the board full.
    await eventually(async () => {
      const answer = await b.admit(origin('eve'));
      if ('refused' in answer) return answer.refused === CLOSES.tooManyOnBoard;
      answer.seat.release();
      return false;
    }, "A's sockets to be registered again");
    // Dee leaves: Ben alone counts, so Eve gets in and Fay does not.
    if ('seat' in dee) dee.seat.release();
    await eventually(async () => 'seat' in (await b.admit(origin('eve'))), 'a place for Eve');
    expect(await b.admit(origin('fay'))).toEqual({ refused: CLOSES.tooManyOnBoard });
  });
});
