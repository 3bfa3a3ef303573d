/**
 * Two server instances on one PostgreSQL and one Redis, as behind a load balancer: clients of one
 * board spread over both converge; a write refused through one is refused everywhere (one write
 * gate, at the board's holder); the API works the same through either; deleting a board and
 * removing a person close their sockets on both. Real servers on port 0, stock clients.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardChannel, instanceChannel, leaseKey } from '../../server/cluster/clusterLink.ts';
import {
  decodePeerMessage,
  encodePeerMessage,
  type PeerMessage,
} from '../../server/cluster/wire.ts';
import { encodeSyncStep1 } from '../../server/rooms/protocol.ts';
import {
  placeMap,
  readControl,
  readParticipants,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { CLOSE_FORBIDDEN_WRITE, CLOSE_UNAUTHORIZED } from '../../shared/closeCodes.ts';
import { clusterHarness } from '../support/clusterInstances.ts';
import { skipWithoutPostgres } from '../support/postgresDatabase.ts';
import { type RedisServer, skipWithoutRedis } from '../support/redisServer.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const harness = serverHarness();
const cluster = clusterHarness(harness);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await harness.stop();
  await cluster.stop();
});

async function twoInstances(): Promise<[RunningServer, RunningServer]> {
  const { servers } = await cluster.start(2);
  const [a, b] = servers;
  if (!a || !b) throw new Error('two instances expected');
  return [a, b];
}

/** Another server process as a board's holder sees it: raw messages on Redis. */
async function fakeProcess(redis: RedisServer, boardId: string) {
  const instance = 'i-fake';
  const commands = new Redis(redis.url);
  const subscriber = new Redis(redis.url);
  cleanups.push(async () => {
    subscriber.disconnect();
    commands.disconnect();
  });
  const heard: { channel: string; message: PeerMessage }[] = [];
  subscriber.on('messageBuffer', (channel: Buffer, bytes: Buffer) => {
    heard.push({ channel: channel.toString(), message: decodePeerMessage(new Uint8Array(bytes)) });
  });
  await subscriber.subscribe(instanceChannel(instance), boardChannel(boardId));
  const holder = await commands.get(leaseKey(boardId));
  if (holder === null) throw new Error('nobody holds the board');
  return {
    instance,
    heard,
    send: (message: PeerMessage) =>
      commands.publish(instanceChannel(holder), Buffer.from(encodePeerMessage(message))),
  };
}

describe('two instances behind a balancer', () => {
  skipWithoutPostgres();
  skipWithoutRedis();

  it('clients of one board spread over both converge, and the API answers through either', async () => {
    const [a, b] = await twoInstances();
    const board = await createBoard(a);
    // Joins through either instance: the one not holding the board carries the command over.
    const ana = await joinBoard(b, board, 'Ana');
    const ben = await joinBoard(a, board, 'Ben');
    const facilitator = await harness.connect(a, board.boardId, board.facilitatorToken);
    const anaClient = await harness.connect(b, board.boardId, ana.token);
    const benClient = await harness.connect(b, board.boardId, ben.token);
    const anaOnA = await harness.connect(a, board.boardId, ana.token);

    setPlacement(
      anaClient.doc,
      ana.participantId,
      'trust.v1',
      { x: 0.3, round: 1, at: 1 },
      'local',
    );
    setPlacement(
      benClient.doc,
      ben.participantId,
      'trust.v2',
      { x: 0.8, round: 1, at: 1 },
      'local',
    );
    await waitFor(
      () =>
        placeMap(facilitator.doc, ana.participantId).has('trust.v1') &&
        placeMap(facilitator.doc, ben.participantId).has('trust.v2'),
      'the facilitator on A to see both placements made through B',
    );
    // Ana's own placement reaches her other device (on the other instance); Ben's does not.
    await waitFor(
      () => placeMap(anaOnA.doc, ana.participantId).has('trust.v1'),
      "Ana's tab on A to get her own placement",
    );
    expect(placeMap(anaOnA.doc, ben.participantId).size).toBe(0);

    setPhase(facilitator.doc, 'revealed', 'local');
    await waitFor(
      () => readControl(anaClient.doc).phase === 'revealed',
      'the phase to reach participants on B',
    );
    expect(readParticipants(facilitator.doc).size).toBe(3);

    // The snapshot through B holds what was written through both.
    const snapshot = await callApi<{ placements: unknown[] }>(
      b,
      'GET',
      `/api/boards/${board.boardId}/snapshot.json`,
      { token: board.facilitatorToken },
    );
    expect(snapshot.status).toBe(200);
    expect(JSON.stringify(snapshot.body)).toContain('trust.v2');
  });

  it('a write refused through one instance is refused there and reaches nobody', async () => {
    const [a, b] = await twoInstances();
    const board = await createBoard(a);
    const facilitator = await harness.connect(a, board.boardId, board.facilitatorToken);
    const ana = await joinBoard(a, board, 'Ana');
    const anaClient = await harness.connect(b, board.boardId, ana.token);
    const closed = nextClose(anaClient);
    // A participant may not move the session on.
    setPhase(anaClient.doc, 'final', 'local');
    expect((await closed).code).toBe(CLOSE_FORBIDDEN_WRITE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readControl(facilitator.doc).phase).toBe('placing');
  });

  it('deleting a board or removing a person closes their sockets on both instances', async () => {
    const [a, b] = await twoInstances();
    const board = await createBoard(a);
    const ana = await joinBoard(a, board, 'Ana');
    const ben = await joinBoard(b, board, 'Ben');
    const anaOnA = await harness.connect(a, board.boardId, ana.token);
    const anaOnB = await harness.connect(b, board.boardId, ana.token);
    const benOnB = await harness.connect(b, board.boardId, ben.token);
    const anaClosed = [nextClose(anaOnA), nextClose(anaOnB)];
    const removed = await callApi(
      b,
      'DELETE',
      `/api/boards/${board.boardId}/participants/${ana.participantId}`,
      { token: board.facilitatorToken },
    );
    expect(removed.status).toBe(204);
    for (const close of await Promise.all(anaClosed)) expect(close.code).toBe(CLOSE_UNAUTHORIZED);

    const benClosed = nextClose(benOnB);
    const deleted = await callApi(a, 'DELETE', `/api/boards/${board.boardId}`, {
      token: board.facilitatorToken,
    });
    expect(deleted.status).toBe(204);
    expect((await benClosed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('deleting a board while Redis is down still deletes it and closes its sockets here', async () => {
    const { servers, redis } = await cluster.start(1);
    const [a] = servers;
    if (!a) throw new Error('one instance expected');
    const board = await createBoard(a);
    const facilitator = await harness.connect(a, board.boardId, board.facilitatorToken);
    const closed = nextClose(facilitator);
    await redis.kill();
    const deleted = await callApi(a, 'DELETE', `/api/boards/${board.boardId}`, {
      token: board.facilitatorToken,
    });
    expect(deleted.status).toBe(204);
    expect((await closed).code).toBe(CLOSE_UNAUTHORIZED);
    const after = await callApi(a, 'GET', `/api/boards/${board.boardId}/snapshot.json`, {
      token: board.facilitatorToken,
    });
    expect(after.status).toBe(401);
  });

  it("the holder answers one process's client on that process's channel, and closes an unknown one there", async () => {
    const { servers, redis } = await cluster.start(1);
    const [a] = servers;
    if (!a) throw new Error('one instance expected');
    const board = await createBoard(a);
    const ana = await joinBoard(a, board, 'Ana');
    await harness.connect(a, board.boardId, board.facilitatorToken);
    const other = await fakeProcess(redis, board.boardId);
    const connection = { boardId: board.boardId, from: other.instance };
    await other.send({
      type: 'open',
      ...connection,
      connId: 1,
      participantId: ana.participantId,
      role: 'participant',
      startsEmpty: false,
    });
    const hello = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    await other.send({ type: 'message', ...connection, connId: 1, data: hello });
    // A message from a connection the holder does not know (forgotten, say) is answered with
    // a close, or its client would wait for answers forever.
    await other.send({ type: 'message', ...connection, connId: 2, data: hello });
    await waitFor(
      () =>
        other.heard.some(({ message }) => message.type === 'frames') &&
        other.heard.some(({ message }) => message.type === 'close' && message.connId === 2),
      'the sync answer and the close',
    );
    await other.send({ type: 'gone', ...connection, connId: 1 });
    // Nothing of it went to every process with clients of the board.
    expect(other.heard.every(({ channel }) => channel === instanceChannel(other.instance))).toBe(
      true,
    );
  });
});
