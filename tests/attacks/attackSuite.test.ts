/**
 * The seeded attack suite of issue 12: one test per finding of "What was found", through the real
 * server on port 0 with stock clients and raw frames. During every attack an honest facilitator
 * and participant (stock providers) stay on the board, `/healthz` is asked on a new connection
 * again and again, and an honest round trip is timed (the participant places a card as the app
 * does; the time until the facilitator's document holds it; once the session is locked, the
 * facilitator's phase write and the participant's document): both p95 stay under 100 ms, and no
 * honest client is closed. Each attack runs for a bounded time with payloads drawn from a seeded
 * PRNG, so a failure can be run again. Finding 12 (CSV) has its own unit tests.
 *
 * Each test names the defence it depends on: without it, the test fails. Findings 2–4 check
 * softly, so a failing run lists every part of the finding that is still open.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate } from '../../server/rooms/protocol.ts';
import type { AccessLinkResponse, ErrorResponse, JoinResponse } from '../../shared/api.ts';
import {
  controlMap,
  placeMap,
  readControl,
  readPlacements,
  setControl,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import {
  CLOSE_BACKPRESSURE,
  CLOSE_FORBIDDEN_WRITE,
  CLOSE_RATE_LIMITED,
  CLOSES,
} from '../../shared/closeCodes.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRules.ts';
import {
  awarenessEntries,
  compressedClientFrame,
  deleteSetCopiesUpdate,
  gcStructsUpdate,
  repeatedAwarenessPayload,
  requestFrom,
  slowRequestHead,
  storedLog,
  syncUpdates,
  touchesClients,
} from '../support/attackFrames.ts';
import {
  attackDeadline,
  expectHonestHeld,
  type HonestRoom,
  honestRoom,
  lockedRoundTrip,
  measureDuring,
  placementRoundTrip,
  type RoundTrip,
} from '../support/attackHarness.ts';
import { type AwarenessEntry, boardSocketUrl, type RawSocket } from '../support/rawSocket.ts';
import { seededRandom } from '../support/seededRandom.ts';
import {
  callApi,
  createBoard,
  joinBoard,
  nextClose,
  postJson,
  type RunningServer,
  serverHarness,
  waitFor,
} from '../support/testServer.ts';

const SEED = 0x1_55e_12;
/** How long each flood runs. */
const ATTACK_MS = 3_000;
/** Slack on the stored size besides the honest writes: a row's framing, never an attack. */
const STORE_SLACK_BYTES = 1_024;
const MB = 1024 * 1024;
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const harness = serverHarness();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh server with its honest room; each test gets default limits unless it says. */
async function attackedRoom(): Promise<HonestRoom> {
  return honestRoom(harness, await harness.start());
}

function randomInt(random: () => number, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}

/** The bytes of every honest update written from now on (what the store may rightly grow by). */
function honestBytesFrom(room: HonestRoom): () => number {
  let bytes = 0;
  for (const client of [room.facilitator, room.participant]) {
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'local') bytes += update.length;
    });
  }
  return () => bytes;
}

/** What the board broadcast after `from` (the listener's frame count then). */
function broadcastSince(room: HonestRoom, from: number): Uint8Array[] {
  return syncUpdates(room.listener.received.slice(from));
}

/**
 * The facilitator's write reaches their other device, and the participant's view follows: the
 * board still takes writes.
 */
async function facilitatorStillWrites(
  room: HonestRoom,
  write: (doc: Y.Doc) => void,
): Promise<void> {
  const clientId = room.facilitator.doc.clientID;
  write(room.facilitator.doc);
  const clock = Y.getState(room.facilitator.doc.store, clientId);
  const control = JSON.stringify(room.facilitator.doc.getMap('control').toJSON());
  await waitFor(
    () =>
      Y.getState(room.facilitatorTablet.doc.store, clientId) >= clock &&
      JSON.stringify(room.participant.doc.getMap('control').toJSON()) === control,
    "the facilitator's write to reach their tablet and the participant's view",
  );
}

interface Flood {
  frames: number;
  bytes: number;
  /** Close codes of the attacking sockets, in order. */
  closes: number[];
  /** Bytes the first socket pushed before the server closed it (null: never closed). */
  bytesBeforeFirstClose: number | null;
}

/** How fast a flood goes: frames a second, or bytes a second (fast venue wifi). */
type Pace = { framesPerSecond: number } | { bytesPerSecond: number };

/**
 * Sends `frames` in turn on sockets of `token` at `pace` until the deadline or `maxBytes`; a
 * socket the server closes is replaced, as an attacker would. A socket counts as closed once
 * the server's close frame has arrived, and the bytes it sent until then are what it pushed.
 * The frames are made before the attack, so the attacker's own work (in this process) is not
 * counted as the server's.
 */
async function flood(
  running: RunningServer,
  boardId: string,
  token: string,
  frames: readonly Uint8Array[],
  pace: Pace,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Flood> {
  const url = boardSocketUrl(running.wsUrl, boardId, token);
  const going = attackDeadline(ATTACK_MS);
  const result: Flood = { frames: 0, bytes: 0, closes: [], bytesBeforeFirstClose: null };
  const started = performance.now();
  // When the next frame is due, in ms since the start.
  const due = () =>
    'framesPerSecond' in pace
      ? (result.frames * 1000) / pace.framesPerSecond
      : (result.bytes * 1000) / pace.bytesPerSecond;
  while (going() && result.bytes < maxBytes) {
    const socket = await harness.socket(url);
    let socketBytes = 0;
    while (going() && result.bytes < maxBytes && socket.ws.readyState === WebSocket.OPEN) {
      const bytes = frames[result.frames % frames.length] ?? new Uint8Array();
      await new Promise<void>((resolve) => socket.ws.send(bytes, () => resolve()));
      socketBytes += bytes.length;
      result.frames += 1;
      result.bytes += bytes.length;
      const wait = due() - (performance.now() - started);
      if (wait > 0) await pause(wait);
    }
    if (socket.ws.readyState === WebSocket.OPEN) break;
    const { code } = await socket.closed;
    result.closes.push(code);
    if (result.bytesBeforeFirstClose === null) result.bytesBeforeFirstClose = socketBytes;
  }
  return result;
}

/** A socket URL of a new participant that says it holds nothing of the board (`fresh=1`). */
async function freshSocketOf(room: HonestRoom, name: string): Promise<string> {
  const joined = await joinBoard(room.server, room.board, name);
  return `${boardSocketUrl(room.server.wsUrl, room.board.boardId, joined.token)}&fresh=1`;
}

/** Whether an awareness state is the room's honest participant's. */
function isAnaIn(room: HonestRoom, state: unknown): boolean {
  return (
    (state as { user?: { participantId?: string } } | null)?.user?.participantId ===
    room.person.participantId
  );
}

/** The room's awareness entry for its honest participant, as a newcomer at `url` is shown it. */
async function awarenessOfAna(room: HonestRoom, url: string): Promise<AwarenessEntry> {
  const isAna = (state: unknown) => isAnaIn(room, state);
  const scout = await harness.socket(url);
  await waitFor(
    () => awarenessEntries(scout.received).some((entry) => isAna(entry.state)),
    "the room's awareness",
  );
  const known = awarenessEntries(scout.received).find((entry) => isAna(entry.state));
  if (!known) throw new Error('no awareness entry to echo');
  scout.ws.close();
  return known;
}

/**
 * Opens compressed sockets at `url`, one after another as the server cuts each, and writes
 * `messages` (in turn) as compressed frames straight onto each connection at
 * `inflatedBytesPerSecond`, reading the connection itself and never
 * answering a close, until the attack's time is up. Per socket: the server's close code, whether
 * the server cut it, and `read`, what the server read from its websockets meanwhile (every
 * message ws handed it, inflated).
 */
async function compressedFloodIgnoringClose(
  room: HonestRoom,
  url: string,
  messages: readonly Uint8Array[],
  inflatedBytesPerSecond: number,
): Promise<{
  compressed: boolean;
  sockets: number;
  /** The code of the first socket's close frame from the server, if it sent one. */
  closeCode: number | null;
  /** Whether the server cut every socket but the last (which the attack's end may cut). */
  cutByServer: boolean;
  pushed: number;
  wire: number;
  /** The most the server read while one socket was open. */
  read: number;
}> {
  const frames = messages.map((message) => ({
    inflated: message.length,
    wire: compressedClientFrame(message),
  }));
  const going = attackDeadline(ATTACK_MS);
  const started = performance.now();
  const outcome = {
    compressed: true,
    sockets: 0,
    closeCode: null as number | null,
    cutByServer: true,
    pushed: 0,
    wire: 0,
    read: 0,
  };
  let sent = 0;
  while (going()) {
    const readBefore = room.server.server.received.bytes;
    const socket = await harness.socket(url, { deflateThreshold: 0 });
    outcome.sockets += 1;
    outcome.compressed &&= socket.ws.extensions.includes('permessage-deflate');
    const connection = (socket.ws as unknown as { _socket: Socket })._socket;
    connection.removeAllListeners('data');
    const heard: Buffer[] = [];
    connection.on('data', (chunk: Buffer) => heard.push(chunk));
    const cut = new Promise<void>((resolve) => connection.once('close', () => resolve()));
    while (going() && !connection.destroyed) {
      // What the kernel will not take waits here, not in this process's memory.
      if (connection.writableLength > MB) {
        await pause(10);
        continue;
      }
      const frame = frames[sent % frames.length] ?? { inflated: 0, wire: new Uint8Array() };
      connection.write(frame.wire);
      sent += 1;
      outcome.pushed += frame.inflated;
      outcome.wire += frame.wire.length;
      const wait = (outcome.pushed * 1000) / inflatedBytesPerSecond - (performance.now() - started);
      // Yield at least now and then: the server under attack runs in this process.
      await pause(Math.max(wait, 0));
    }
    const cutByServer = connection.destroyed;
    connection.destroy();
    await cut;
    if (going()) outcome.cutByServer &&= cutByServer;
    if (outcome.sockets === 1) outcome.closeCode = serverCloseCode(Buffer.concat(heard));
    outcome.read = Math.max(outcome.read, room.server.server.received.bytes - readBefore);
  }
  return outcome;
}

/**
 * Runs `compressedFloodIgnoringClose` while the honest room is measured, and checks what 4b and
 * 4c share: the room held, the flood went compressed, each socket was cut, and the server read
 * little more than its byte burst (8 MB) of any one socket. Without the cut it reads tens of MB
 * a socket (37 MB in 4b, 170 MB in 4c when measured): a message or two after the close, or
 * the burst when the first refusal waits behind the board's queue, stay well under 12 MB.
 */
async function compressedFloodHeld(
  finding: string,
  room: HonestRoom,
  url: string,
  messages: readonly Uint8Array[],
  inflatedBytesPerSecond: number,
): Promise<Awaited<ReturnType<typeof compressedFloodIgnoringClose>>> {
  const { outcome, figures } = await measureDuring(room, placementRoundTrip(room), () =>
    compressedFloodIgnoringClose(room, url, messages, inflatedBytesPerSecond),
  );
  report(finding, outcome);
  expectHonestHeld(finding, room, figures);
  expect(outcome.compressed, 'the flood went compressed').toBe(true);
  expect.soft(outcome.cutByServer, 'the server cut it within the attack').toBe(true);
  expect.soft(outcome.read, 'bytes the server read of one socket').toBeLessThan(12 * MB);
  return outcome;
}

/** The code of the first close frame (opcode 8, a short payload) in what a server sent. */
function serverCloseCode(bytes: Buffer): number | null {
  for (let at = bytes.indexOf(0x88); at >= 0; at = bytes.indexOf(0x88, at + 1)) {
    const length = bytes[at + 1] ?? 0;
    if (length >= 2 && length < 126 && at + 2 + length <= bytes.length) {
      const code = bytes.readUInt16BE(at + 2);
      if (code === CLOSE_RATE_LIMITED || code === CLOSES.malformed.code) return code;
    }
  }
  return null;
}

function report(attack: string, details: object): void {
  console.info(`${attack}: ${JSON.stringify(details)}`);
}

describe('issue 12 attack suite', () => {
  // Finding 2. Depends on the write gate refusing (or dropping) structs that write nothing: GC
  // structs carry no content, so the write rules find no write to judge and, under fresh ids
  // nobody owns, the update is stored and broadcast like any other.
  it.each([
    ['an observer', 'placing'],
    ['a participant once the session is final', 'final'],
  ] as const)(
    '2: content-free GC structs under fresh client ids from %s are neither stored nor broadcast',
    {
      timeout: 30_000,
    },
    async (_who, phase) => {
      const room = await attackedRoom();
      const { server, board } = room;
      const random = seededRandom(SEED + (phase === 'final' ? 21 : 2));
      let token: string;
      let roundTrip: RoundTrip;
      if (phase === 'final') {
        token = (await joinBoard(server, board, 'Mallory')).token;
        setPhase(room.facilitator.doc, 'final', 'local');
        await waitFor(() => readControl(room.participant.doc).phase === 'final', 'the lock');
        roundTrip = lockedRoundTrip(room);
      } else {
        token = (await joinBoard(server, board, 'Oscar', { role: 'observer' })).token;
        roundTrip = placementRoundTrip(room);
      }
      const storedBefore = storedLog(server, board.boardId);
      const honestBytes = honestBytesFrom(room);
      const heardFrom = room.listener.received.length;
      const sentIds = new Set<number>();
      const structsPerFrame: number[] = [];
      // 100 to 1,000 structs per frame, each under a fresh 32-bit client id; 25 frames a second (under
      // UPDATES_PER_SECOND, so the message rate is not the defence) for the 3 s.
      const frames = Array.from({ length: 80 }, () => {
        const ids = Array.from({ length: randomInt(random, 100, 1_000) }, () =>
          randomInt(random, 1, 2 ** 32 - 1),
        );
        for (const id of ids) sentIds.add(id);
        structsPerFrame.push(ids.length);
        return encodeSyncUpdate(gcStructsUpdate(ids));
      });
      const { outcome, figures } = await measureDuring(room, roundTrip, () =>
        flood(server, board.boardId, token, frames, { framesPerSecond: 25 }),
      );
      const storedAfter = storedLog(server, board.boardId);
      report(`finding 2 (${phase})`, {
        ...outcome,
        structs: structsPerFrame.slice(0, outcome.frames).reduce((sum, n) => sum + n, 0),
        storedBytesBefore: storedBefore.bytes,
        storedBytesAfter: storedAfter.bytes,
        honestBytes: honestBytes(),
      });
      expectHonestHeld(`finding 2 (${phase})`, room, figures);

      const roomDoc = server.server.rooms.peek(board.boardId)?.doc;
      if (!roomDoc) throw new Error('the room is not loaded');
      const held = (doc: Y.Doc) => [...doc.store.clients.keys()].filter((id) => sentIds.has(id));
      const leaked = broadcastSince(room, heardFrom).filter((u) => touchesClients(u, sentIds));
      expect.soft(held(roomDoc).length, "the attacker's ids in the room").toBe(0);
      expect
        .soft(held(room.facilitator.doc).length, "the attacker's ids at the facilitator")
        .toBe(0);
      expect.soft(leaked.length, 'broadcasts carrying them').toBe(0);
      expect
        .soft(storedAfter.bytes - storedBefore.bytes, 'bytes the store grew by')
        .toBeLessThanOrEqual(honestBytes() + STORE_SLACK_BYTES);
      await facilitatorStillWrites(room, (doc) =>
        phase === 'final'
          ? setPhase(doc, 'discussing', 'local')
          : setControl(doc, 'focusCardId', 'trust.v1', 'local'),
      );
    },
  );

  // Finding 3. Depends on the write gate dropping delete sets that delete nothing new (not
  // stored, not broadcast) and on a per-connection byte rate: the frames come at 25 a second,
  // under UPDATES_PER_SECOND, so only a limit on bytes closes the sender.
  it('3: a delete set of many copies of an already-deleted range is not stored nor broadcast, and its sender is closed over its byte rate', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 3);
    const mallory = await joinBoard(server, board, 'Mallory');
    // Mallory places a card twice: her first value is an already-deleted range of her own.
    const own = await harness.connect(server, board.boardId, mallory.token);
    const at = Date.now();
    setPlacement(own.doc, mallory.participantId, 'trust.v1', { x: 0.2, round: 1, at }, 'local');
    setPlacement(own.doc, mallory.participantId, 'trust.v1', { x: 0.8, round: 1, at }, 'local');
    const deleted = { client: own.doc.clientID, clock: 0, length: 1 };
    const roomDoc = server.server.rooms.peek(board.boardId)?.doc;
    if (!roomDoc) throw new Error('the room is not loaded');
    await waitFor(
      () => Y.getState(roomDoc.store, deleted.client) === 2,
      "Mallory's placements to reach the server",
    );
    expect(
      Y.isDeleted(Y.createDeleteSetFromStructStore(roomDoc.store), Y.createID(deleted.client, 0)),
    ).toBe(true);
    own.destroy();

    // 40,000 to 120,000 copies: 80 to 240 KB a frame; at 25 frames a second about 4 MB a
    // second, 12 MB in the 3 s.
    const frames = Array.from({ length: 16 }, () =>
      encodeSyncUpdate(deleteSetCopiesUpdate(deleted, randomInt(random, 40_000, 120_000))),
    );
    const storedBefore = storedLog(server, board.boardId);
    const honestBytes = honestBytesFrom(room);
    const heardFrom = room.listener.received.length;
    const { outcome, figures } = await measureDuring(room, placementRoundTrip(room), () =>
      flood(server, board.boardId, mallory.token, frames, { framesPerSecond: 25 }),
    );
    const storedAfter = storedLog(server, board.boardId);
    report('finding 3', {
      ...outcome,
      storedRowsBefore: storedBefore.rows,
      storedRowsAfter: storedAfter.rows,
      storedBytesBefore: storedBefore.bytes,
      storedBytesAfter: storedAfter.bytes,
      honestBytes: honestBytes(),
    });
    expectHonestHeld('finding 3', room, figures);
    const attacker = new Set([deleted.client]);
    const leaked = broadcastSince(room, heardFrom).filter((u) => touchesClients(u, attacker));
    expect.soft(leaked.length, 'broadcasts carrying her deletes').toBe(0);
    expect
      .soft(storedAfter.bytes - storedBefore.bytes, 'bytes the store grew by')
      .toBeLessThanOrEqual(honestBytes() + STORE_SLACK_BYTES);
    expect.soft(outcome.closes[0], "the attacker's first close").toBe(CLOSE_RATE_LIMITED);
  });

  // Finding 4. Depends on awareness echoes counting against a rate (of messages or bytes): today
  // entries the room holds at that clock are skipped unread and cost the sender nothing.
  it('4: a flood of awareness echoes is closed for its rate well before it has pushed tens of MB', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 4);
    const mallory = await joinBoard(server, board, 'Mallory');
    // The room's entry for the honest participant, as every newcomer is shown it.
    const known = await awarenessOfAna(
      room,
      boardSocketUrl(server.wsUrl, board.boardId, mallory.token),
    );
    // 1 to 500 copies of it a frame (up to 40 KB), at 20 MB a second, 40 MB at most.
    const frames = Array.from({ length: 32 }, () =>
      encodeAwareness(repeatedAwarenessPayload(known, randomInt(random, 1, 500))),
    );
    const { outcome, figures } = await measureDuring(room, placementRoundTrip(room), () =>
      flood(server, board.boardId, mallory.token, frames, { bytesPerSecond: 20 * MB }, 40 * MB),
    );
    report('finding 4', outcome);
    expectHonestHeld('finding 4', room, figures);
    expect.soft(outcome.closes[0], "the attacker's first close").toBe(CLOSE_RATE_LIMITED);
    expect
      .soft(outcome.bytesBeforeFirstClose ?? outcome.bytes, 'bytes pushed before it')
      .toBeLessThan(10 * MB);
    // The echoed presence is still the honest participant's own.
    expect
      .soft(
        [...room.facilitator.provider.awareness.getStates().values()].filter((state) =>
          isAnaIn(room, state),
        ),
      )
      .toHaveLength(1);
  });

  // Finding 4 over a compressed socket (a device that holds nothing is offered permessage-
  // deflate), from an attacker that ignores the server's close and writes compressed frames
  // straight onto the connection, so that little on the wire is much to inflate. Depends on the
  // same rate, and on a compressed socket that goes on sending after its close being cut
  // (websocketServers.ts guardAfterClose): without it, ws inflates what arrives until the close
  // handshake ends (30 s), and then what it already holds.
  it('4b: the same flood compressed, going on after the close: the server reads its byte burst and little more', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const random = seededRandom(SEED + 40);
    const url = await freshSocketOf(room, 'Mallory');
    const known = await awarenessOfAna(room, url);
    // Echoes compress about a hundredfold.
    const messages = Array.from({ length: 32 }, () =>
      encodeAwareness(repeatedAwarenessPayload(known, randomInt(random, 1, 500))),
    );
    const outcome = await compressedFloodHeld('finding 4b', room, url, messages, 20 * MB);
    expect.soft(outcome.closeCode, 'the server closed it for its rate').toBe(CLOSE_RATE_LIMITED);
  });

  it('4c: frames that inflate a thousandfold, going on after the close: the server still reads little more than its burst', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const url = await freshSocketOf(room, 'Mallory');
    // Awareness messages of zeros, each just under MAX_MESSAGE_BYTES: about 1 KB on the wire,
    // as fast as this process sends them, on one socket after another.
    const messages = [encodeAwareness(new Uint8Array(MB - 16))];
    const outcome = await compressedFloodHeld('finding 4c', room, url, messages, 4096 * MB);
    // Closed for its rate, or at once for a frame it cannot read.
    expect
      .soft([CLOSE_RATE_LIMITED, CLOSES.malformed.code], 'the server closed it for what it sent')
      .toContain(outcome.closeCode);
  });

  // Finding 5. Depends on MAX_SOCKETS_PER_TOKEN (8): each socket over it closes that token's
  // oldest, so one token cannot fill the board (MAX_CONNECTIONS_PER_BOARD) nor lock anyone out.
  it('5: hundreds of sockets with one participant token leave its 8 newest open and everyone else on', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 5);
    const mallory = await joinBoard(server, board, 'Mallory');
    const url = boardSocketUrl(server.wsUrl, board.boardId, mallory.token);
    const { outcome: sockets, figures } = await measureDuring(
      room,
      placementRoundTrip(room),
      async () => {
        const opened: RawSocket[] = [];
        const going = attackDeadline(ATTACK_MS);
        while (going() && opened.length < 300) {
          const batch = randomInt(random, 5, 15);
          opened.push(
            ...(await Promise.all(Array.from({ length: batch }, () => harness.socket(url)))),
          );
        }
        return opened;
      },
    );
    await waitFor(
      () => sockets.filter((socket) => !socket.isClosed()).length === 8,
      'the token to hold its 8 newest sockets',
    );
    report('finding 5', { sockets: sockets.length, open: 8 });
    expectHonestHeld('finding 5', room, figures);
    expect(sockets.length).toBeGreaterThanOrEqual(100);
    expect(await sockets[0]?.closed).toEqual(CLOSES.replacedByNewer);
    // The newest are the ones left, and a newcomer still gets in.
    expect(sockets.slice(-8).every((socket) => !socket.isClosed())).toBe(true);
    const ben = await joinBoard(server, board, 'Ben');
    const newcomer = await harness.connect(server, board.boardId, ben.token);
    expect(newcomer.provider.wsconnected).toBe(true);
  });

  // Finding 6. Depends on wrong codes counting where they cannot lock a room out: lookups by
  // code alone per address (FAILED_CODE_LOOKUPS_PER_MINUTE), codes sent with a board's id per
  // board (WRONG_JOIN_CODES_PER_BOARD_PER_MINUTE); a join by link never pays for its address.
  it('6: after many wrong join codes from one address, the right code by link still joins', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 6);
    const elsewhere = await createBoard(server, { title: 'Another room' });
    const wrongCode = () =>
      Array.from(
        { length: 8 },
        () => JOIN_CODE_ALPHABET[randomInt(random, 0, JOIN_CODE_ALPHABET.length - 1)],
      ).join('');
    const { outcome: statuses, figures } = await measureDuring(
      room,
      placementRoundTrip(room),
      async () => {
        const seen = { lookups: [] as number[], links: [] as number[] };
        const going = attackDeadline(ATTACK_MS);
        while (going()) {
          const code = wrongCode();
          if (code === board.joinCode || code === elsewhere.joinCode) continue;
          seen.lookups.push((await callApi(server, 'GET', `/api/join/${code}`)).status);
          const byLink = await postJson(
            `${server.baseUrl}/api/boards/${elsewhere.boardId}/participants`,
            {
              joinCode: code,
              name: 'Guess',
            },
          );
          seen.links.push(byLink.status);
          await pause(randomInt(random, 5, 25));
        }
        return seen;
      },
    );
    const count = (list: number[], status: number) => list.filter((s) => s === status).length;
    report('finding 6', {
      lookups: { 404: count(statuses.lookups, 404), 429: count(statuses.lookups, 429) },
      links: { 403: count(statuses.links, 403), 429: count(statuses.links, 429) },
    });
    expectHonestHeld('finding 6', room, figures);
    expect(statuses.lookups.length).toBeGreaterThan(20);
    expect(count(statuses.lookups, 429)).toBeGreaterThan(0);
    expect(statuses.lookups.every((status) => status === 404 || status === 429)).toBe(true);
    expect(statuses.links.every((status) => status === 403 || status === 429)).toBe(true);
    // The right code by link, from the same address, joins and syncs.
    const late = await postJson<JoinResponse>(
      `${server.baseUrl}/api/boards/${board.boardId}/participants`,
      { joinCode: board.joinCode, name: 'Late Arrival' },
    );
    expect(late.status).toBe(201);
    const client = await harness.connect(server, board.boardId, late.body.token);
    expect(client.provider.synced).toBe(true);
  });

  // Finding 7. Depends on BOARD_CREATIONS_PER_MINUTE (30) per address.
  it('7: a board creation flood from one address gets 429 after the cap while the room goes on', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server } = room;
    const random = seededRandom(SEED + 7);
    const { outcome: answers, figures } = await measureDuring(
      room,
      placementRoundTrip(room),
      async () => {
        const all: { status: number; retryAfter: number }[] = [];
        const going = attackDeadline(ATTACK_MS);
        while (going()) {
          const batch = Array.from({ length: randomInt(random, 5, 15) }, (_, i) =>
            requestFrom('127.0.0.1', server, 'POST', '/api/boards', {
              title: `Flood ${all.length + i} ${random().toString(36).slice(2, 8)}`,
            }),
          );
          for (const answer of await Promise.all(batch)) {
            all.push({ status: answer.status, retryAfter: Number(answer.headers['retry-after']) });
          }
          await pause(randomInt(random, 10, 50));
        }
        return all;
      },
    );
    const created = answers.filter((answer) => answer.status === 201).length;
    const refused = answers.filter((answer) => answer.status === 429);
    report('finding 7', { requests: answers.length, created, refused: refused.length });
    expectHonestHeld('finding 7', room, figures);
    // The honest board came from this address in this minute too.
    expect(created).toBe(29);
    expect(refused.length).toBe(answers.length - created);
    expect(refused.every((answer) => answer.retryAfter > 0)).toBe(true);
    const other = await requestFrom('127.0.0.2', server, 'POST', '/api/boards', { title: 'Other' });
    expect(other.status).toBe(201);
  });

  // Finding 8. Depends on the per-connection message rate and MAX_BUFFERED_BYTES for sockets
  // that never read (each is closed, 4529 or 4504, instead of making the server encode and
  // hold without end), and on MAX_PENDING_REQUESTS_PER_ADDRESS (500) for slow request heads
  // (connections over it are dropped at once).
  it('8: sockets that never read and slow request heads leave the server reachable', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 8);
    const tokens = [
      (await joinBoard(server, board, 'Mallory')).token,
      (await joinBoard(server, board, 'Trudy')).token,
    ];
    const everything = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    const { outcome, figures } = await measureDuring(room, placementRoundTrip(room), async () => {
      const readers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          harness.socket(boardSocketUrl(server.wsUrl, board.boardId, tokens[i % 2] ?? '')),
        ),
      );
      for (const reader of readers) reader.ws.pause();
      const heads: Awaited<ReturnType<typeof slowRequestHead>>[] = [];
      const going = attackDeadline(ATTACK_MS);
      let drip = 0;
      while (going()) {
        // Each non-reader asks for the whole board again and again (about 200 a second, over
        // UPDATES_PER_SECOND) and never reads the answers.
        for (const reader of readers) {
          for (let i = randomInt(random, 5, 15); i > 0; i--) reader.send(everything);
        }
        // Slow request heads from another address, 600 in all: over the pending cap of 500.
        if (heads.length < 600) {
          heads.push(
            ...(await Promise.all(
              Array.from({ length: 50 }, () => slowRequestHead(server, '127.0.0.3')),
            )),
          );
        }
        // …each adding a header line every half second, never the blank line that ends it.
        if (drip % 10 === 0) {
          for (const head of heads) {
            if (!head.socket.destroyed) head.socket.write(`X-Drip-${drip}: ${random()}\r\n`);
          }
        }
        drip += 1;
        await pause(50);
      }
      // The server accepts what the kernel queued as its loop gets to it: give it a moment.
      const countDropped = () => heads.filter((head) => head.socket.destroyed).length;
      await waitFor(() => countDropped() >= heads.length - 500, 'heads over the cap dropped').catch(
        () => undefined,
      );
      const dropped = countDropped();
      for (const head of heads) head.socket.destroy();
      // Reading at last, each finds the close the server queued behind what it held for it.
      for (const reader of readers) reader.ws.resume();
      const closes = await Promise.all(
        readers.map((reader) =>
          Promise.race([reader.closed.then((close) => close.code), pause(10_000).then(() => null)]),
        ),
      );
      return { heads: heads.length, dropped, closes };
    });
    report('finding 8', outcome);
    expectHonestHeld('finding 8', room, figures);
    expect(outcome.dropped).toBeGreaterThanOrEqual(outcome.heads - 500);
    expect(
      outcome.closes.every((code) => code === CLOSE_RATE_LIMITED || code === CLOSE_BACKPRESSURE),
    ).toBe(true);
  });

  // Finding 11. Depends on the server's value checks (shared/writeRules.ts: a placement's
  // round is its card's current round, control values are valid for facilitators too) and on
  // the join route refusing role words as names.
  it('11: bogus values (round 999, round -5, phase "bogus", a participant named "Facilitator") are refused', {
    timeout: 30_000,
  }, async () => {
    const room = await attackedRoom();
    const { server, board } = room;
    const random = seededRandom(SEED + 11);
    const mallory = await joinBoard(server, board, 'Mallory');
    const coFacilitator = await callApi<AccessLinkResponse>(
      server,
      'POST',
      `/api/boards/${board.boardId}/cofacilitators`,
      { token: board.facilitatorToken, body: {} },
    );
    expect(coFacilitator.status).toBe(201);
    const attempts = [
      {
        kind: 'placement in round 999',
        token: mallory.token,
        write: (doc: Y.Doc) =>
          placeMap(doc, mallory.participantId).set('trust.v1', { x: 0.5, round: 999, at: 1 }),
        reason: WRITE_REJECTIONS.wrongRound,
      },
      {
        kind: 'round -5',
        token: coFacilitator.body.token,
        write: (doc: Y.Doc) => controlMap(doc).set('round', -5),
        reason: WRITE_REJECTIONS.invalidControl,
      },
      {
        kind: 'phase "bogus"',
        token: coFacilitator.body.token,
        write: (doc: Y.Doc) => controlMap(doc).set('phase', 'bogus'),
        reason: WRITE_REJECTIONS.invalidControl,
      },
    ] as const;
    const roleNames = ['Facilitator', ' facilitator ', 'Co-Facilitator', 'FACILITATOR'];
    const { outcome, figures } = await measureDuring(room, placementRoundTrip(room), async () => {
      const results: { kind: string; code: number; reason: string; expected: string }[] = [];
      const going = attackDeadline(ATTACK_MS);
      while (going()) {
        const pick = randomInt(random, 0, attempts.length);
        const attempt = attempts[pick];
        if (!attempt) {
          const name = roleNames[randomInt(random, 0, roleNames.length - 1)] ?? 'Facilitator';
          const joined = await callApi<ErrorResponse>(
            server,
            'POST',
            `/api/boards/${board.boardId}/participants`,
            { body: { joinCode: board.joinCode, name } },
          );
          results.push({
            kind: `join as ${JSON.stringify(name)}`,
            code: joined.status,
            reason: String(joined.body?.error ?? '').slice(0, 6),
            expected: 'name: ',
          });
          continue;
        }
        const client = await harness.connect(server, board.boardId, attempt.token);
        const closed = nextClose(client);
        attempt.write(client.doc);
        const close = await closed;
        client.destroy();
        results.push({ kind: attempt.kind, ...close, expected: attempt.reason });
      }
      return results;
    });
    const kinds = new Set(outcome.map((result) => result.kind.split(' "')[0]));
    report('finding 11', { attempts: outcome.length, kinds: [...kinds] });
    expectHonestHeld('finding 11', room, figures);
    expect(outcome.length).toBeGreaterThan(10);
    for (const result of outcome) {
      expect({ kind: result.kind, code: result.code, reason: result.reason }).toEqual({
        kind: result.kind,
        code: result.kind.startsWith('join') ? 400 : CLOSE_FORBIDDEN_WRITE,
        reason: result.expected,
      });
    }
    const roomDoc = server.server.rooms.peek(board.boardId)?.doc;
    if (!roomDoc) throw new Error('the room is not loaded');
    expect(readControl(roomDoc)).toMatchObject({ phase: 'placing', round: 1 });
    expect(readPlacements(roomDoc, mallory.participantId).size).toBe(0);
  });
});
