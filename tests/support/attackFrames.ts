/**
 * What the attack suite (tests/attacks/attackSuite.test.ts) sends and how it looks at what is
 * left: hand-made Yjs updates and awareness echoes, HTTP requests from a chosen loopback
 * address, slow request heads, and the board's stored log as the store has it.
 */
import { request as httpRequest } from 'node:http';
import { type Socket, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { decodeClientMessage } from '../../server/rooms/protocol.ts';
import type { AwarenessEntry } from './rawSocket.ts';
import type { Endpoint, RunningServer } from './testServer.ts';

/**
 * One v1 update holding a content-free GC struct of length 1 at clock 0 under each client id:
 * `01 01 <varuint client> 00 00 01` per id (a client, one struct, the id, clock 0, info 0: GC,
 * length 1), all in one update, and an empty delete set.
 */
export function gcStructsUpdate(clientIds: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientIds.length);
  for (const clientId of clientIds) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeUint8(encoder, 0); // info 0: GC
    encoding.writeVarUint(encoder, 1); // length
  }
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

/** A v1 update with no structs whose delete set is `copies` copies of one deleted range. */
export function deleteSetCopiesUpdate(
  range: { client: number; clock: number; length: number },
  copies: number,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, range.client);
  encoding.writeVarUint(encoder, copies);
  for (let i = 0; i < copies; i++) {
    encoding.writeVarUint(encoder, range.clock);
    encoding.writeVarUint(encoder, range.length);
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness update payload repeating one entry `copies` times, as written (an echo). */
export function repeatedAwarenessPayload(entry: AwarenessEntry, copies: number): Uint8Array {
  const encoder = encoding.createEncoder();
  const json = JSON.stringify(entry.state);
  encoding.writeVarUint(encoder, copies);
  for (let i = 0; i < copies; i++) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** The entries of the awareness frames among `frames` (y-protocols: id, clock, JSON each). */
export function awarenessEntries(frames: readonly Uint8Array[]): AwarenessEntry[] {
  const entries: AwarenessEntry[] = [];
  for (const frame of frames) {
    const message = decodeOrNull(frame);
    if (message?.type !== 'awareness') continue;
    const decoder = decoding.createDecoder(message.update);
    for (let count = decoding.readVarUint(decoder); count > 0; count--) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state });
    }
  }
  return entries;
}

/** The document updates among `frames` (sync step 2 and update messages). */
export function syncUpdates(frames: readonly Uint8Array[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of frames) {
    const message = decodeOrNull(frame);
    if (message?.type === 'sync-update' || message?.type === 'sync-step2') {
      updates.push(message.update);
    }
  }
  return updates;
}

/** Whether an update carries structs under, or deletes of, any of these client ids. */
export function touchesClients(update: Uint8Array, clientIds: ReadonlySet<number>): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return (
    structs.some((struct) => clientIds.has(struct.id.client)) ||
    [...ds.clients.keys()].some((clientId) => clientIds.has(clientId))
  );
}

/** Server-to-client frames use the client's framing. */
function decodeOrNull(frame: Uint8Array): ReturnType<typeof decodeClientMessage> | null {
  try {
    return decodeClientMessage(frame);
  } catch {
    return null;
  }
}

/** The board's update log as the store holds it now: rows and bytes (a second reader; WAL). */
export function storedLog(
  running: RunningServer,
  boardId: string,
): { rows: number; bytes: number } {
  const db = new Database(join(running.dataDir, STORE_FILE_NAME), { readonly: true });
  try {
    const row = db
      .prepare<[string], { rows: number; bytes: number | null }>(
        "SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM updates WHERE board_id = ? AND log = 'board'",
      )
      .get(boardId);
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  } finally {
    db.close();
  }
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * An HTTP request on a connection of its own from a chosen loopback address (so one test can be
 * two networks, and a request measures a new visitor, not a warm keep-alive connection).
 */
export function requestFrom(
  localAddress: string,
  running: Endpoint,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = 5_000,
): Promise<Answer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${running.baseUrl}${path}`,
      {
        method,
        localAddress,
        agent: false,
        timeout: timeoutMs,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: raw === '' ? null : (JSON.parse(raw) as unknown),
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(text);
  });
}

/** A TCP connection from `localAddress` that starts a request head and never finishes it. */
export function slowRequestHead(
  running: Endpoint,
  localAddress: string,
): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { port } = new URL(running.baseUrl);
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port: Number(port), localAddress });
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      resolve({ socket, closed });
    });
    // Dropped before it connected: it counts as closed.
    void closed.then(() => resolve({ socket, closed }));
  });
}

/**
 * One binary message as a browser's permessage-deflate sends it (RFC 7692: raw deflate, flushed,
 * its last four bytes dropped), in a masked frame; the mask is zero, so the bytes are the same.
 */
export function compressedClientFrame(message: Uint8Array): Uint8Array {
  const deflated = deflateRawSync(message, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const payload = deflated.subarray(0, deflated.length - 4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0xc2, 0x80 | length])
      : length < 65_536
        ? Buffer.from([0xc2, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0xc2, 0x80 | 127]), bigEndian64(length)]);
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}
