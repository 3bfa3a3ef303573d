/**
 * The messages server processes send each other through Redis, in binary (lib0 encoding, as the
 * Yjs protocol itself): a board's frames travel as they are, never as JSON or base64.
 *
 * To the process holding a board's room (its instance channel), from the others:
 * - `open`: a client of the board connected here (its connection id, who it is);
 * - `message`: one message that client sent, as it arrived;
 * - `gone`: that client left;
 * - `command`: a board command of the HTTP API (boards/boardCommands.ts), answered by `reply`
 *   on the asking process's instance channel; it says how long the asker still waits, and a
 *   command not started by then is not run.
 * On the board's channel, from the holder to every process with clients of the board (or on one
 * process's channel, when only its clients are concerned):
 * - `frames`: one frame, and the connections of each process it goes to (a broadcast is one
 *   message, however many clients it reaches);
 * - `close`: close one connection with a code and reason (always on its process's channel);
 * - `closeBoard`: close every connection of the board (deleted: `holder` empty), or every link
 *   to one holder (`holder`: the process stepping down; links to another holder stay).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Role } from '../../shared/boardDoc.ts';

export type PeerMessage =
  | {
      type: 'open';
      boardId: string;
      from: string;
      connId: number;
      participantId: string;
      role: Role;
      /** The client holds nothing yet (room.ts, RoomConnection). */
      startsEmpty: boolean;
    }
  | { type: 'message'; boardId: string; from: string; connId: number; data: Uint8Array }
  | { type: 'gone'; boardId: string; from: string; connId: number }
  | {
      type: 'command';
      boardId: string;
      from: string;
      requestId: number;
      /** How long the asker still waits: not started by then, the command is not run. */
      budgetMs: number;
      command: string;
    }
  | { type: 'reply'; requestId: number; ok: boolean; body: string }
  | {
      type: 'frames';
      boardId: string;
      frame: Uint8Array;
      to: ReadonlyMap<string, readonly number[]>;
    }
  | {
      type: 'close';
      boardId: string;
      instance: string;
      connId: number;
      code: number;
      reason: string;
    }
  | { type: 'closeBoard'; boardId: string; holder: string; code: number; reason: string };

const TAGS = [
  'open',
  'message',
  'gone',
  'command',
  'reply',
  'frames',
  'close',
  'closeBoard',
] as const;
const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer'];

export class MalformedPeerMessage extends Error {}

/** Close codes a socket may be closed with (ws refuses the others, e.g. 1005 and 1006). */
function readCloseCode(d: decoding.Decoder): number {
  const code = decoding.readVarUint(d);
  const usable =
    (code >= 3000 && code <= 4999) || [1000, 1001, 1008, 1011, 1012, 1013, 1014].includes(code);
  if (!usable) throw new MalformedPeerMessage(`close code ${code} cannot be sent`);
  return code;
}

export function encodePeerMessage(message: PeerMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, TAGS.indexOf(message.type));
  switch (message.type) {
    case 'open':
      writeConnection(e, message);
      encoding.writeVarString(e, message.participantId);
      encoding.writeVarUint(e, ROLES.indexOf(message.role));
      // Only when set: an `open` without it reads the same in the version before, which refuses
      // trailing bytes (a client forwarded to such a holder syncs as the stock protocol does).
      if (message.startsEmpty) encoding.writeVarUint(e, 1);
      break;
    case 'message':
      writeConnection(e, message);
      encoding.writeVarUint8Array(e, message.data);
      break;
    case 'gone':
      writeConnection(e, message);
      break;
    case 'command':
      encoding.writeVarString(e, message.boardId);
      encoding.writeVarString(e, message.from);
      encoding.writeVarUint(e, message.requestId);
      encoding.writeVarUint(e, message.budgetMs);
      encoding.writeVarString(e, message.command);
      break;
    case 'reply':
      encoding.writeVarUint(e, message.requestId);
      encoding.writeVarUint(e, message.ok ? 1 : 0);
      encoding.writeVarString(e, message.body);
      break;
    case 'frames':
      encoding.writeVarString(e, message.boardId);
      encoding.writeVarUint8Array(e, message.frame);
      encoding.writeVarUint(e, message.to.size);
      for (const [instance, connIds] of message.to) {
        encoding.writeVarString(e, instance);
        encoding.writeVarUint(e, connIds.length);
        for (const connId of connIds) encoding.writeVarUint(e, connId);
      }
      break;
    case 'close':
      encoding.writeVarString(e, message.boardId);
      encoding.writeVarString(e, message.instance);
      encoding.writeVarUint(e, message.connId);
      encoding.writeVarUint(e, message.code);
      encoding.writeVarString(e, message.reason);
      break;
    case 'closeBoard':
      encoding.writeVarString(e, message.boardId);
      encoding.writeVarString(e, message.holder);
      encoding.writeVarUint(e, message.code);
      encoding.writeVarString(e, message.reason);
      break;
    default:
      message satisfies never;
  }
  return encoding.toUint8Array(e);
}

/** Reads a message another process sent; throws MalformedPeerMessage on anything else. */
export function decodePeerMessage(bytes: Uint8Array): PeerMessage {
  try {
    const d = decoding.createDecoder(bytes);
    const type = TAGS[decoding.readVarUint(d)];
    const message = readBody(d, type);
    if (decoding.hasContent(d)) throw new MalformedPeerMessage('trailing bytes');
    return message;
  } catch (error) {
    if (error instanceof MalformedPeerMessage) throw error;
    throw new MalformedPeerMessage(`unreadable peer message: ${String(error)}`);
  }
}

function readBody(d: decoding.Decoder, type: (typeof TAGS)[number] | undefined): PeerMessage {
  switch (type) {
    case 'open': {
      const connection = readConnection(d);
      const participantId = decoding.readVarString(d);
      const role = ROLES[decoding.readVarUint(d)];
      if (role === undefined) throw new MalformedPeerMessage('unknown role');
      // Written only when set (1); absent, as from the version before: a client that syncs as before.
      const startsEmpty = decoding.hasContent(d);
      if (startsEmpty && decoding.readVarUint(d) !== 1) {
        throw new MalformedPeerMessage('unknown startsEmpty');
      }
      return { type, ...connection, participantId, role, startsEmpty };
    }
    case 'message':
      return { type, ...readConnection(d), data: decoding.readVarUint8Array(d) };
    case 'gone':
      return { type, ...readConnection(d) };
    case 'command':
      return {
        type,
        boardId: decoding.readVarString(d),
        from: decoding.readVarString(d),
        requestId: decoding.readVarUint(d),
        budgetMs: decoding.readVarUint(d),
        command: decoding.readVarString(d),
      };
    case 'reply':
      return {
        type,
        requestId: decoding.readVarUint(d),
        ok: decoding.readVarUint(d) === 1,
        body: decoding.readVarString(d),
      };
    case 'frames': {
      const boardId = decoding.readVarString(d);
      const frame = decoding.readVarUint8Array(d);
      const to = new Map<string, number[]>();
      for (let instances = decoding.readVarUint(d); instances > 0; instances--) {
        const instance = decoding.readVarString(d);
        const connIds: number[] = [];
        for (let count = decoding.readVarUint(d); count > 0; count--) {
          connIds.push(decoding.readVarUint(d));
        }
        to.set(instance, connIds);
      }
      return { type, boardId, frame, to };
    }
    case 'close':
      return {
        type,
        boardId: decoding.readVarString(d),
        instance: decoding.readVarString(d),
        connId: decoding.readVarUint(d),
        code: readCloseCode(d),
        reason: decoding.readVarString(d),
      };
    case 'closeBoard':
      return {
        type,
        boardId: decoding.readVarString(d),
        holder: decoding.readVarString(d),
        code: readCloseCode(d),
        reason: decoding.readVarString(d),
      };
    default:
      throw new MalformedPeerMessage('unknown message type');
  }
}

function writeConnection(
  e: encoding.Encoder,
  message: { boardId: string; from: string; connId: number },
): void {
  encoding.writeVarString(e, message.boardId);
  encoding.writeVarString(e, message.from);
  encoding.writeVarUint(e, message.connId);
}

function readConnection(d: decoding.Decoder): { boardId: string; from: string; connId: number } {
  return {
    boardId: decoding.readVarString(d),
    from: decoding.readVarString(d),
    connId: decoding.readVarUint(d),
  };
}
