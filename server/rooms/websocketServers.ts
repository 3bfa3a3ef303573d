/**
 * Where each websocket is upgraded: with permessage-deflate or without. Compression pays off on a
 * device's first sync, when it holds nothing of the board (`fresh=1`) and is sent the whole of
 * it (a phone's 45 KB view goes as 14 KB). A device that reconnects with its local copy gets a
 * few small updates, which compression would not shrink, while every socket that has compressed
 * keeps its zlib state (about 80 KiB) until it closes: so only fresh sockets are offered it, and
 * at most `maxCompressed` of them at once in this process.
 *
 * A compressed socket that goes on sending once it is closing is cut (`guardAfterClose`): the
 * client decides which of its frames it compresses, a frame of zeros inflates a thousandfold,
 * and ws inflates whatever arrives until the close handshake ends (30 s), then whatever it
 * already holds. Every close counts, whoever decided it and why (a refused token, a flood, a
 * write refused on another instance): an honest client sends nothing after a close.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type PerMessageDeflateOptions, type WebSocket, WebSocketServer } from 'ws';

/**
 * Frames under the threshold go as they are (drops, presence). Without context takeover each
 * message stands alone; small windows because ws keeps each socket's zlib streams until it
 * closes (docs/benchmarks.md, "Compression"). Never a numeric clientMaxWindowBits: ws would
 * then refuse (400) every offer without client_max_window_bits, Firefox's and Safari's.
 */
const COMPRESSION: PerMessageDeflateOptions = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 11,
  // zlib keeps (1 << (windowBits + 2)) + (1 << (memLevel + 9)) bytes, plus one output chunk.
  zlibDeflateOptions: { level: 6, memLevel: 5, chunkSize: 4 * 1024 },
  zlibInflateOptions: { chunkSize: 4 * 1024 },
  threshold: 1024,
  // Process-wide zlib jobs at once: one per core of the machine the server is sized for.
  concurrencyLimit: 2,
};

/** What a closing compressed socket may still send (inflated) before it is cut. */
const AFTER_CLOSE_ALLOWANCE_BYTES = 64 * 1024;

export class WebsocketServers {
  private readonly plain: WebSocketServer;
  /** Null when compression is off. */
  private readonly deflating: WebSocketServer | null;
  private readonly maxCompressed: number;
  /**
   * What this process has read from its websockets since it started: every message ws handed
   * it, inflated, also those ignored after their socket closed (what attacks are measured by).
   */
  readonly received = { messages: 0, bytes: 0 };

  constructor(options: { maxPayload: number; compression: boolean; maxCompressed: number }) {
    // maxPayload bounds a compressed frame's inflated size too (1009), so no compression bomb.
    this.plain = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload,
      perMessageDeflate: false,
    });
    this.deflating = options.compression
      ? new WebSocketServer({
          noServer: true,
          maxPayload: options.maxPayload,
          perMessageDeflate: COMPRESSION,
        })
      : null;
    this.maxCompressed = options.maxCompressed;
  }

  /** Upgrades the request; `startsEmpty`: the client holds nothing of the board yet. */
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    startsEmpty: boolean,
    accept: (ws: WebSocket) => void,
  ): void {
    const server =
      startsEmpty && this.deflating && this.deflating.clients.size < this.maxCompressed
        ? this.deflating
        : this.plain;
    server.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data: WebSocketData) => {
        this.received.messages += 1;
        this.received.bytes += messageBytes(data);
      });
      if (server === this.deflating) guardAfterClose(ws);
      accept(ws);
    });
  }

  /** Every open socket, compressed or not. */
  *clients(): Iterable<WebSocket> {
    yield* this.plain.clients;
    if (this.deflating) yield* this.deflating.clients;
  }

  close(): void {
    this.plain.close();
    this.deflating?.close();
  }
}

/** A message as ws hands it over. */
type WebSocketData = Buffer | ArrayBuffer | Buffer[];

function messageBytes(data: WebSocketData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
}

/** Cuts a compressed socket that sends more than a little once it is closing (see the top). */
function guardAfterClose(ws: WebSocket): void {
  let afterClose = 0;
  ws.on('message', (data: WebSocketData) => {
    if (ws.readyState === ws.OPEN) return;
    afterClose += messageBytes(data);
    if (afterClose <= AFTER_CLOSE_ALLOWANCE_BYTES) return;
    stopInflating(ws);
    ws.terminate();
  });
}

/** The part of ws's permessage-deflate that inflates what a socket receives (ws 8). */
interface Inflating {
  decompress(data: Buffer, fin: boolean, callback: (error: Error | null) => void): void;
}

/**
 * Makes every later inflation of the socket fail, so ws drops what it already holds instead of
 * inflating it as the socket closes. ws has no public way to do this; where its internals differ
 * the socket is still cut, only what ws holds is inflated first (bounded by MAX_MESSAGE_BYTES a
 * message and what one read of the connection brought).
 */
function stopInflating(ws: WebSocket): void {
  const extensions = (ws as unknown as { _extensions?: Record<string, unknown> })._extensions;
  const deflate = extensions?.['permessage-deflate'] as Partial<Inflating> | undefined;
  if (typeof deflate?.decompress !== 'function') return;
  deflate.decompress = (_data, _fin, callback) =>
    callback(new Error('cut: it went on sending after its close'));
}
