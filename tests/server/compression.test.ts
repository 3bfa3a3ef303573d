/**
 * permessage-deflate (WS_COMPRESSION, on by default), through the real server on port 0 and
 * stock `ws` clients, reading the frames as they cross the wire: a device that holds nothing of
 * the board (`fresh=1`) gets its large sync step 2 compressed, without context takeover on either
 * side; small frames stay as they are (the threshold); a device reconnecting with its local copy
 * is not offered it, nor a fresh one past MAX_COMPRESSED_SOCKETS; a client that offers nothing,
 * or a server with WS_COMPRESSION=off, still syncs; and a small compressed frame that inflates
 * past MAX_MESSAGE_BYTES is still refused with 1009.
 */

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Limits } from '../../server/config.ts';
import { type ContinuumServer, createServer } from '../../server/createServer.ts';
import { encodeSyncStep1, MESSAGE_SYNC, SYNC_STEP2 } from '../../server/rooms/protocol.ts';
import { MAX_REASON_LENGTH, placeMap, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { compressedClientFrame } from '../support/attackFrames.ts';
import { boardSocketUrl } from '../support/rawSocket.ts';
import {
  connectClient,
  createBoard,
  type Endpoint,
  joinBoard,
  newDataDir,
  quietLogger,
  synced,
  waitFor,
} from '../support/testServer.ts';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(
  wsCompression: boolean,
  limits: Partial<Limits> = {},
): Promise<Endpoint & { server: ContinuumServer }> {
  const dataDir = newDataDir();
  const server = createServer(
    {
      host: '127.0.0.1',
      port: 0,
      publicUrl: null,
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      limits,
      wsCompression,
    },
    quietLogger,
  );
  const port = await server.listen();
  closers.push(() => server.close());
  return { server, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` };
}

const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

/** A board whose document is tens of kilobytes: one person placed every card with a long reason. */
async function largeBoard(
  server: Endpoint,
): Promise<{ boardId: string; token: string; participantId: string }> {
  const board = await createBoard(server);
  const ana = await joinBoard(server, board, 'Ana');
  const client = connectClient(server, board.boardId, ana.token);
  closers.push(() => client.destroy());
  await synced(client);
  for (const [index, cardId] of CARD_IDS.entries()) {
    const reason = `Card ${index}: we share plans early, but budget decisions arrive late. `
      .repeat(10)
      .slice(0, MAX_REASON_LENGTH);
    setPlacement(
      client.doc,
      ana.participantId,
      cardId,
      { x: index / 100, round: 1, at: index, reason },
      'local',
    );
  }
  // Another client sees every placement: the server holds them.
  const check = connectClient(server, board.boardId, board.facilitatorToken);
  closers.push(() => check.destroy());
  await waitFor(
    () => placeMap(check.doc, ana.participantId).size === CARD_IDS.length,
    'the placements to reach the server',
  );
  return {
    boardId: board.boardId,
    token: board.facilitatorToken,
    participantId: ana.participantId,
  };
}

interface WireFrame {
  compressed: boolean;
  opcode: number;
  payloadBytes: number;
}

/** Reads server frames (unmasked) from the bytes of a socket after its handshake. */
class FrameReader {
  readonly frames: WireFrame[] = [];
  private pending = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const frame = this.next();
      if (frame === null) return;
      this.frames.push(frame);
    }
  }

  private next(): WireFrame | null {
    const bytes = this.pending;
    if (bytes.length < 2) return null;
    const first = bytes[0] ?? 0;
    let length = (bytes[1] ?? 0) & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (bytes.length < 4) return null;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (bytes.length < 10) return null;
      length = Number(bytes.readBigUInt64BE(2));
      offset = 10;
    }
    if (bytes.length < offset + length) return null;
    this.pending = bytes.subarray(offset + length);
    return { compressed: (first & 0x40) !== 0, opcode: first & 0x0f, payloadBytes: length };
  }
}

interface Watched {
  ws: WebSocket;
  /** The 101 answer's Sec-WebSocket-Extensions ('' when none). */
  extensions: Promise<string>;
  /** Data frames as they crossed the wire, in order, beside the messages they carried. */
  frames: WireFrame[];
  messages: Uint8Array[];
  closed: Promise<number>;
  /** Bytes this client has written to the wire so far. */
  bytesWritten(): number;
}

/** A `ws` client (offering permessage-deflate unless told not to) whose wire frames are read too. */
function watchedSocket(url: string, offerDeflate = true): Promise<Watched> {
  const ws = new WebSocket(url, { perMessageDeflate: offerDeflate });
  ws.on('error', () => undefined);
  closers.push(() => ws.terminate());
  const reader = new FrameReader();
  const messages: Uint8Array[] = [];
  let written = () => 0;
  const extensions = new Promise<string>((resolve) => {
    ws.once('upgrade', (response: IncomingMessage) => {
      const wire = response.socket;
      // Read once ws reads too: listening earlier would make the socket flow before ws has
      // taken the bytes that came with the 101, and ws would miss them.
      ws.once('open', () => wire.on('data', (chunk: Buffer) => reader.push(chunk)));
      written = () => wire.bytesWritten;
      resolve(String(response.headers['sec-websocket-extensions'] ?? ''));
    });
  });
  ws.on('message', (data) => {
    if (Buffer.isBuffer(data)) messages.push(new Uint8Array(data));
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const watched: Watched = {
    ws,
    extensions,
    get frames() {
      return reader.frames.filter((frame) => frame.opcode === 1 || frame.opcode === 2);
    },
    messages,
    closed,
    bytesWritten: () => written(),
  };
  return new Promise((resolve) => {
    ws.once('open', () => resolve(watched));
    void closed.then(() => resolve(watched));
  });
}

/** The socket URL of a device that holds nothing of the board yet. */
function freshUrl(server: Endpoint, boardId: string, token: string): string {
  return `${boardSocketUrl(server.wsUrl, boardId, token)}&fresh=1`;
}

function isSyncStep2(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  return (
    decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP2
  );
}

/** Asks for the whole document (as a newcomer does) and returns its step 2 and its frame. */
async function newcomerStep2(socket: Watched): Promise<{ message: Uint8Array; frame: WireFrame }> {
  socket.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  let index = -1;
  await waitFor(() => {
    index = socket.messages.findIndex((message) => isSyncStep2(message) && message.length > 4096);
    // Frames are read from the same bytes as the messages, and just as far.
    return index !== -1 && socket.frames.length > index;
  }, 'the document’s sync step 2');
  const message = socket.messages[index];
  const frame = socket.frames[index];
  if (!message || !frame) throw new Error('no step 2');
  return { message, frame };
}

/** The document a step 2 gives a newcomer. */
function documentOf(step2: Uint8Array): Y.Doc {
  const decoder = decoding.createDecoder(step2);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return doc;
}

describe('permessage-deflate', () => {
  it('compresses a newcomer’s large sync step 2, without context takeover; small frames go as they are', async () => {
    const server = await start(true);
    const board = await largeBoard(server);
    const socket = await watchedSocket(freshUrl(server, board.boardId, board.token));
    expect(socket.ws.extensions).toBe('permessage-deflate');
    const offered = await socket.extensions;
    expect(offered).toContain('server_no_context_takeover');
    expect(offered).toContain('client_no_context_takeover');
    const { message, frame } = await newcomerStep2(socket);
    expect(frame.compressed).toBe(true);
    expect(frame.payloadBytes).toBeLessThan(message.length / 2);
    const small = socket.frames.filter((_, index) => (socket.messages[index]?.length ?? 0) < 1024);
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((wire) => !wire.compressed)).toBe(true);
  });

  it('a client that offers nothing gets the same document, uncompressed', async () => {
    const server = await start(true);
    const board = await largeBoard(server);
    const url = freshUrl(server, board.boardId, board.token);
    const plain = await watchedSocket(url, false);
    expect(await plain.extensions).toBe('');
    const { message, frame } = await newcomerStep2(plain);
    expect(frame.compressed).toBe(false);
    expect(frame.payloadBytes).toBe(message.length);
    const deflated = await newcomerStep2(await watchedSocket(url));
    expect(Buffer.from(deflated.message).equals(Buffer.from(message))).toBe(true);
  });

  it('WS_COMPRESSION=off negotiates nothing and the newcomer still syncs', async () => {
    const server = await start(false);
    const board = await largeBoard(server);
    const socket = await watchedSocket(freshUrl(server, board.boardId, board.token));
    expect(socket.ws.extensions).toBe('');
    expect(await socket.extensions).toBe('');
    const { message, frame } = await newcomerStep2(socket);
    expect(frame.compressed).toBe(false);
    expect(placeMap(documentOf(message), board.participantId).size).toBe(CARD_IDS.length);
  });

  it('refuses a small compressed frame that inflates past MAX_MESSAGE_BYTES with 1009', async () => {
    const server = await start(true, { maxMessageBytes: 64 * 1024 });
    const board = await createBoard(server);
    let sentBytes = 0;
    const socket = await watchedSocket(freshUrl(server, board.boardId, board.facilitatorToken));
    expect(socket.ws.extensions).toBe('permessage-deflate');
    const before = socket.bytesWritten();
    // 4 MB of zeros: a few kilobytes once deflated.
    socket.ws.send(new Uint8Array(4 * 1024 * 1024), () => {
      sentBytes = socket.bytesWritten() - before;
    });
    expect(await socket.closed).toBe(1009);
    expect(sentBytes).toBeGreaterThan(0);
    expect(sentBytes).toBeLessThan(64 * 1024);
  });

  it('a device reconnecting with its local copy is not offered it: its few updates would not shrink', async () => {
    const server = await start(true);
    const board = await largeBoard(server);
    const socket = await watchedSocket(boardSocketUrl(server.wsUrl, board.boardId, board.token));
    expect(await socket.extensions).toBe('');
    const { message, frame } = await newcomerStep2(socket);
    expect(frame.compressed).toBe(false);
    expect(placeMap(documentOf(message), board.participantId).size).toBe(CARD_IDS.length);
  });

  it('past MAX_COMPRESSED_SOCKETS a fresh device goes uncompressed, until a compressed one closes', async () => {
    const server = await start(true, { maxCompressedSockets: 1 });
    const board = await largeBoard(server);
    const url = freshUrl(server, board.boardId, board.token);
    const first = await watchedSocket(url);
    expect(first.ws.extensions).toBe('permessage-deflate');
    const second = await watchedSocket(url);
    expect(second.ws.extensions).toBe('');
    const { message } = await newcomerStep2(second);
    expect(placeMap(documentOf(message), board.participantId).size).toBe(CARD_IDS.length);
    first.ws.close();
    await first.closed;
    // The server counts the socket out once its side has closed too, a moment later.
    let third = await watchedSocket(url);
    for (let tries = 0; third.ws.extensions === '' && tries < 20; tries += 1) {
      third.ws.terminate();
      await new Promise((resolve) => setTimeout(resolve, 25));
      third = await watchedSocket(url);
    }
    expect(third.ws.extensions).toBe('permessage-deflate');
  });

  it('a compressed socket that goes on sending after its close is cut, and what it sends is not inflated', async () => {
    const server = await start(true);
    const board = await createBoard(server);
    // A client that never reads what the server sends, so it never answers its close: a token
    // the server does not know is refused (4401) as soon as the socket is accepted.
    const url = new URL(freshUrl(server, board.boardId, 'not-a-token'));
    const connection = netConnect(Number(url.port), url.hostname);
    connection.on('error', () => undefined); // the cut may come as a reset
    const answer = new Promise<string>((resolve) =>
      connection.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
    );
    connection.write(
      [
        `GET ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover',
        '',
        '',
      ].join('\r\n'),
    );
    expect(await answer).toMatch(/^HTTP\/1\.1 101[\s\S]*permessage-deflate/i);
    const cut = new Promise<void>((resolve) => connection.once('close', () => resolve()));
    // Frames of zeros, each 1 MB once inflated and about 1 KB on the wire.
    const frame = compressedClientFrame(new Uint8Array(1024 * 1024 - 16));
    const readBefore = server.server.received.bytes;
    for (let sent = 0; sent < 200 && !connection.destroyed; sent += 1) {
      connection.write(frame);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.race([cut, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    expect(connection.destroyed, 'the server cut it').toBe(true);
    // Without the cut, ws inflates all of it until the close handshake times out (30 s).
    expect(server.server.received.bytes - readBefore).toBeLessThan(4 * 1024 * 1024);
    connection.destroy();
  });
});
