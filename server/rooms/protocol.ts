/**
 * The y-websocket wire protocol (y-protocols sync + awareness), one message per frame:
 *   frame   = varUint(messageType) payload
 *   sync    = varUint(0 step1 | 1 step2 | 2 update) varUint8Array(stateVector | update)
 *   awareness = varUint8Array(awarenessUpdate)
 * Decoding is strict: a frame with trailing bytes, an unknown type or a truncated field is
 * malformed, and the caller closes only that socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  // Step 2 answers the server's step 1; after it, a client's updates follow on without gaps.
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export class MalformedMessageError extends Error {}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError('truncated or unreadable frame');
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload };
      if (step === SYNC_STEP2) return { type: 'sync-step2', update: payload };
      if (step === SYNC_UPDATE) return { type: 'sync-update', update: payload };
      throw new MalformedMessageError(`unknown sync step ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    default:
      throw new MalformedMessageError(`unknown message type ${messageType}`);
  }
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP2, update);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** A client's message as it sent it: to carry it to the process holding its board's room. */
export function encodeClientMessage(message: ClientMessage): Uint8Array {
  switch (message.type) {
    case 'sync-step1':
      return encodeSyncStep1(message.stateVector);
    case 'sync-step2':
      return encodeSyncStep2(message.update);
    case 'sync-update':
      return encodeSyncUpdate(message.update);
    case 'awareness':
      return encodeAwareness(message.update);
    case 'query-awareness': {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
      return encoding.toUint8Array(encoder);
    }
    default:
      return message satisfies never;
  }
}
