/**
 * A lightweight client of the standard y-websocket protocol (y-protocols sync + awareness, one
 * message per frame) over `ws`: a Y.Doc kept in sync (local changes go out through `write`),
 * awareness sent as raw encoded states, and
 * every received frame counted. Far lighter than a WebsocketProvider (no awareness instance, no
 * timers, no reconnects), so one process can hold hundreds of them; a lost connection stays
 * lost and is reported, never silently retried.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface RawClientOptions {
  /** Each awareness update the server sends (the update itself, without the frame header). */
  onAwareness?: (update: Uint8Array, client: RawClient) => void;
  /** Each transaction that applied a remote update to this client's document. */
  onRemoteTransaction?: (transaction: Y.Transaction, client: RawClient) => void;
  /** Each frame as it arrives (`arrivedAt` is set), before it is handled. */
  onFrame?: (client: RawClient) => void;
  /**
   * Handle frames after every socket's frames of this turn of the event loop have arrived
   * (`arrivedAt` says when each did). A browser holds one socket and receives a frame as it
   * comes; a process holding fifty would otherwise stamp the fiftieth frame of a broadcast
   * only after applying the forty-nine before it to their documents, and count that wait as
   * the server's.
   */
  handleAfterArrival?: boolean;
}

/** Epoch milliseconds with sub-millisecond resolution: the load generators' one clock. */
export const clock = (): number => performance.timeOrigin + performance.now();

/** Frames stamped on arrival, handled in order once this turn's arrivals are in. */
const arrived: (() => void)[] = [];
let handlingScheduled = false;
/**
 * Handling stops after this long and goes on in the next turn, so frames arriving meanwhile are
 * stamped within about this much of their arrival, whatever the other clients' work.
 */
const HANDLING_SLICE_MS = 0.5;

function handleLater(handle: () => void): void {
  arrived.push(handle);
  if (handlingScheduled) return;
  handlingScheduled = true;
  setImmediate(handleArrived);
}

function handleArrived(): void {
  const until = performance.now() + HANDLING_SLICE_MS;
  let handled = 0;
  while (handled < arrived.length && performance.now() < until) {
    arrived[handled]?.();
    handled += 1;
  }
  arrived.splice(0, handled);
  if (arrived.length > 0) setImmediate(handleArrived);
  else handlingScheduled = false;
}

/** One encoded awareness entry (clientID, clock, JSON state) as a whole frame. */
export function encodeAwarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(inner));
  return encoding.toUint8Array(frame);
}

const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c]; // "null": the client left

/**
 * Calls `visit` with the client id and clock of each entry of an awareness update that carries
 * a state. Removals are skipped: a server removing a client that left re-sends that client's
 * last clock with a null state, which is not a delivery of that state.
 */
export function forEachAwarenessState(
  update: Uint8Array,
  visit: (clientId: number, clock: number) => void,
): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const length = decoding.readVarUint(decoder); // the JSON state: not parsed
    const start = decoder.pos;
    decoder.pos += length;
    const removal =
      length === NULL_STATE.length && NULL_STATE.every((byte, at) => update[start + at] === byte);
    if (!removal) visit(clientId, clock);
  }
}

export class RawClient {
  readonly doc = new Y.Doc();
  readonly socket: WebSocket;
  framesReceived = 0;
  bytesReceived = 0;
  synced = false;
  /** When the frame being handled arrived (`clock()`): now, unless `handleAfterArrival`. */
  arrivedAt = 0;
  /** Set when the connection ended (or failed to open). */
  closeCode: number | null = null;
  closeReason = '';
  private awarenessClock = 0;
  private closing = false;
  private readonly syncedPromise: Promise<void>;

  constructor(
    url: string,
    private readonly options: RawClientOptions = {},
  ) {
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    if (options.onRemoteTransaction) {
      const onRemote = options.onRemoteTransaction;
      this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin === this) onRemote(transaction, this);
      });
    }
    this.syncedPromise = new Promise((resolve, reject) => {
      this.socket.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.socket.send(encoding.toUint8Array(encoder));
      });
      this.socket.on('message', (data: Buffer) => {
        const arrivedAt = clock();
        this.arrivedAt = arrivedAt;
        this.framesReceived += 1;
        this.bytesReceived += data.byteLength;
        this.options.onFrame?.(this);
        const handle = () => {
          this.arrivedAt = arrivedAt;
          if (this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) {
            resolve();
          }
        };
        if (this.options.handleAfterArrival) handleLater(handle);
        else handle();
      });
      this.socket.on('close', (code: number, reason: Buffer) => {
        this.closeCode ??= code;
        this.closeReason ||= reason.toString();
        reject(new Error(`closed with ${code} ${reason.toString()} before syncing`));
      });
      this.socket.on('error', (error: Error) => {
        this.closeCode ??= -1;
        this.closeReason ||= error.message;
        reject(error);
      });
    });
    this.syncedPromise.catch(() => undefined); // callers that never wait must not crash the process
  }

  /** Resolves once the server's sync step 2 has been applied. */
  whenSynced(): Promise<void> {
    return this.syncedPromise;
  }

  /** Whether the connection ended without this client closing it. */
  get lost(): boolean {
    return !this.closing && this.closeCode !== null;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** The awareness client id, as a real provider uses: the document's client id. */
  get clientId(): number {
    return this.doc.clientID;
  }

  /**
   * Makes local changes and sends each of their transactions as one update frame. Only changes
   * made in here are sent: the document has no update listener otherwise, so Yjs does not encode
   * an update for every remote transaction this client applies.
   */
  write(change: (doc: Y.Doc) => void): void {
    const send = (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.open) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.socket.send(encoding.toUint8Array(encoder));
    };
    this.doc.on('update', send);
    try {
      change(this.doc);
    } finally {
      this.doc.off('update', send);
    }
  }

  /** Publishes this client's awareness state (JSON, or null to leave); returns its clock. */
  sendAwareness(json: string): number {
    this.awarenessClock += 1;
    if (this.open) {
      this.socket.send(encodeAwarenessFrame(this.clientId, this.awarenessClock, json));
    }
    return this.awarenessClock;
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 2_000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close();
    });
  }

  /** Handles one frame; true when it completed the initial sync. */
  private receive(frame: Uint8Array): boolean {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AWARENESS) {
      this.options.onAwareness?.(decoding.readVarUint8Array(decoder), this);
      return false;
    }
    if (type !== MESSAGE_SYNC) return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    if (encoding.length(encoder) > 1 && this.open) this.socket.send(encoding.toUint8Array(encoder));
    if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      return true;
    }
    return false;
  }
}
