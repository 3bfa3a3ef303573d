/**
 * A raw websocket to the real server, for tests that send frames no stock provider would: it
 * records what it receives and how it was closed. Frames are built with the server's own
 * protocol encoders, so a test says what it sends, not how varints are laid out.
 */
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface RawSocket {
  ws: WebSocket;
  /** Every binary frame received so far. */
  received: Uint8Array[];
  /** Resolves when the socket has closed, with the server's code and reason. */
  closed: Promise<CloseInfo>;
  isClosed(): boolean;
  send(frame: Uint8Array | string): void;
}

export interface RawSocketOptions {
  origin?: string;
  /** False: the socket never answers pings, like a peer that vanished without closing. */
  autoPong?: boolean;
  /** Compresses every frame of at least this many bytes, if the server agrees (Chromium: 0). */
  deflateThreshold?: number;
}

/** Opens a socket; resolves once it is open or already closed (a refusal arrives as a close). */
export function openRawSocket(url: string, options: RawSocketOptions = {}): Promise<RawSocket> {
  const ws = new WebSocket(url, {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(options.autoPong === undefined ? {} : { autoPong: options.autoPong }),
    ...(options.deflateThreshold === undefined
      ? {}
      : { perMessageDeflate: { threshold: options.deflateThreshold } }),
  });
  const received: Uint8Array[] = [];
  let isClosed = false;
  ws.on('message', (data, isBinary) => {
    if (isBinary && Buffer.isBuffer(data)) received.push(new Uint8Array(data));
  });
  ws.on('error', () => undefined); // a refused or cut socket reports through `closed`
  const closed = new Promise<CloseInfo>((resolve) => {
    ws.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
  const socket: RawSocket = {
    ws,
    received,
    closed,
    isClosed: () => isClosed,
    send: (frame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
  };
  return new Promise((resolve) => {
    ws.once('open', () => resolve(socket));
    void closed.then(() => resolve(socket));
  });
}

/** `ws://…/ws/<boardId>?token=<token>` */
export function boardSocketUrl(wsUrl: string, boardId: string, token: string | null): string {
  return `${wsUrl}/${boardId}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** An awareness update payload (y-protocols): count, then clientID, clock, JSON per entry. */
export function awarenessPayload(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A v1 update holding only a GC struct of `length` under `clientId` at `clock`. */
export function gcUpdate(clientId: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeUint8(encoder, 0); // info 0: GC
  encoding.writeVarUint(encoder, length);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}
