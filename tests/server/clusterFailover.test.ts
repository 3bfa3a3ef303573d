/**
 * Two Continuum processes on one PostgreSQL and one Redis, behind a round-robin balancer, with
 * stock clients placing cards all along:
 * - kill -9 of the board's holder mid-drag: nothing is lost, its clients reconnect (through the
 *   balancer) to the other process, which takes the board over and carries on;
 * - Redis killed and started again empty: the processes recover by themselves, nothing is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { placeMap, readPlacement, setPlacement } from '../../shared/boardDoc.ts';
import { freshSchemaUrl, skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { type RedisServer, skipWithoutRedis, startRedisServer } from '../support/redisServer.ts';
import { type Balancer, startRoundRobinProxy } from '../support/roundRobinProxy.ts';
import { freePort, type ServerProcess, startServerProcess } from '../support/serverProcess.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  newDataDir,
  type TestClient,
  waitFor,
} from '../support/testServer.ts';

const CARDS = ['trust.v1', 'trust.v2', 'trust.v3', 'trust.p1', 'trust.p2', 'trust.p3'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Cluster {
  redis: RedisServer;
  processes: ServerProcess[];
  balancer: Balancer;
}

async function startCluster(): Promise<Cluster> {
  const redis = await startRedisServer();
  cleanups.push(() => redis.stop());
  const env = { DATABASE_URL: await freshSchemaUrl(), REDIS_URL: redis.url };
  const processes: ServerProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const started = await startServerProcess(newDataDir(), await freePort(), { env });
    cleanups.push(() => started.stop('SIGKILL').then(() => undefined));
    processes.push(started);
  }
  const balancer = await startRoundRobinProxy(processes.map((p) => p.port));
  cleanups.push(() => balancer.close());
  return { redis, processes, balancer };
}

function client(
  endpoint: { baseUrl: string; wsUrl: string },
  boardId: string,
  token: string,
): TestClient {
  const connected = connectClient(endpoint, boardId, token);
  cleanups.push(() => connected.destroy());
  return connected;
}

const through = (balancer: Balancer) => ({
  baseUrl: balancer.baseUrl,
  wsUrl: `ws://127.0.0.1:${balancer.port}/ws`,
});

/** Each person moves each of their cards, one small step at a time, like a drag. */
async function drag(people: { id: string; client: TestClient }[], steps: number, round: number) {
  for (let step = 0; step < steps; step++) {
    for (const person of people) {
      const card = CARDS[step % CARDS.length] ?? 'trust.v1';
      const x = (round * 10 + step) / 100;
      setPlacement(person.client.doc, person.id, card, { x, round: 1, at: Date.now() }, 'local');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Everyone's own latest positions, as their own devices hold them. */
function ownPositions(people: { id: string; client: TestClient }[]): string {
  return JSON.stringify(
    people.map((person) =>
      CARDS.map((card) => readPlacement(person.client.doc, person.id, card)?.x ?? null),
    ),
  );
}

function seenBy(facilitator: TestClient, people: { id: string }[]): string {
  return JSON.stringify(
    people.map((person) =>
      CARDS.map((card) => readPlacement(facilitator.doc, person.id, card)?.x ?? null),
    ),
  );
}

describe('several processes survive a crash of one and a restart of Redis', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('kill -9 of the board holder mid-drag loses nothing; its clients carry on elsewhere', {
    timeout: 90_000,
  }, async () => {
    const { processes, balancer } = await startCluster();
    const [first, second] = processes;
    if (!first || !second) throw new Error('two processes');
    const board = await createBoard(first);
    // The facilitator connects to the first process directly: it becomes the board's holder.
    const facilitator = client(first, board.boardId, board.facilitatorToken);
    await waitFor(() => facilitator.provider.synced, 'the facilitator to sync', 15_000);
    const people: { id: string; client: TestClient }[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo', 'Dan']) {
      const joined = await joinBoard(through(balancer), board, name);
      const person = {
        id: joined.participantId,
        client: client(through(balancer), board.boardId, joined.token),
      };
      people.push(person);
    }
    await waitFor(() => people.every((p) => p.client.provider.synced), 'everyone to sync', 15_000);
    expect(balancer.taken.get(second.port) ?? 0).toBeGreaterThan(0);

    await drag(people, 12, 1);
    first.kill('SIGKILL');
    await drag(people, 12, 2);

    // The facilitator comes back through the balancer, as a browser would.
    const watcher = client(through(balancer), board.boardId, board.facilitatorToken);
    await waitFor(
      () => seenBy(watcher, people) === ownPositions(people),
      'every last position to reach the facilitator through the surviving process',
      45_000,
    );
    expect(people.every((p) => placeMap(watcher.doc, p.id).size === CARDS.length)).toBe(true);
  });

  it('Redis killed and started again empty: the processes recover, nothing is lost', {
    timeout: 90_000,
  }, async () => {
    const { redis, processes, balancer } = await startCluster();
    const [first] = processes;
    if (!first) throw new Error('two processes');
    const board = await createBoard(first);
    const facilitator = client(through(balancer), board.boardId, board.facilitatorToken);
    const people: { id: string; client: TestClient }[] = [];
    for (const name of ['Ana', 'Ben', 'Cleo']) {
      const joined = await joinBoard(through(balancer), board, name);
      people.push({
        id: joined.participantId,
        client: client(through(balancer), board.boardId, joined.token),
      });
    }
    await waitFor(
      () => facilitator.provider.synced && people.every((p) => p.client.provider.synced),
      'everyone to sync',
      15_000,
    );
    await drag(people, 6, 1);
    await redis.kill();
    await drag(people, 6, 2);
    await redis.restart();
    await drag(people, 6, 3);
    await waitFor(
      () => seenBy(facilitator, people) === ownPositions(people),
      'every position made before, during and after the outage to reach the facilitator',
      45_000,
    );
    // And it is stored: a device that opens the board now gets it.
    const late = client(through(balancer), board.boardId, board.facilitatorToken);
    await waitFor(
      () => seenBy(late, people) === ownPositions(people),
      'a late device to get all',
      20_000,
    );
  });
});
