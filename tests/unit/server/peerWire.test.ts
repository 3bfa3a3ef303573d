/**
 * What one server process sends another through Redis reads back exactly, frames byte for byte,
 * and anything else is refused as malformed rather than misread.
 */
import { describe, expect, it } from 'vitest';
import {
  decodePeerMessage,
  encodePeerMessage,
  MalformedPeerMessage,
  type PeerMessage,
} from '../../../server/cluster/wire.ts';

const frame = new Uint8Array([0, 2, 5, 1, 2, 3, 255, 0]);

const EVERY_KIND: PeerMessage[] = [
  {
    type: 'open',
    boardId: 'b1',
    from: 'i-a',
    connId: 7,
    participantId: 'p9',
    role: 'observer',
    startsEmpty: false,
  },
  {
    type: 'open',
    boardId: 'b1',
    from: 'i-a',
    connId: 8,
    participantId: 'p9',
    role: 'participant',
    startsEmpty: true,
  },
  { type: 'message', boardId: 'b1', from: 'i-a', connId: 7, data: frame },
  { type: 'gone', boardId: 'b1', from: 'i-a', connId: 300_000 },
  {
    type: 'command',
    boardId: 'b1',
    from: 'i-b',
    requestId: 12,
    budgetMs: 13_000,
    command: '{"kind":"join"}',
  },
  { type: 'reply', requestId: 12, ok: false, body: '{"status":409,"code":"boardFull"}' },
  {
    type: 'frames',
    boardId: 'b1',
    frame,
    to: new Map([
      ['i-a', [1, 2, 3]],
      ['i-b', [40]],
    ]),
  },
  { type: 'close', boardId: 'b1', instance: 'i-a', connId: 3, code: 4401, reason: 'deleted' },
  { type: 'closeBoard', boardId: 'b1', holder: 'i-a', code: 1012, reason: 'moving' },
  { type: 'closeBoard', boardId: 'b1', holder: '', code: 4401, reason: 'deleted' },
];

describe('messages between server processes', () => {
  for (const message of EVERY_KIND) {
    it(`reads back a ${message.type} message exactly`, () => {
      expect(decodePeerMessage(encodePeerMessage(message))).toEqual(message);
    });
  }

  it('writes an open without startsEmpty as the version before did, and reads it back', () => {
    const open = {
      type: 'open',
      boardId: 'b1',
      from: 'i-a',
      connId: 7,
      participantId: 'p9',
      role: 'participant',
    } as const;
    const plain = encodePeerMessage({ ...open, startsEmpty: false });
    const flagged = encodePeerMessage({ ...open, startsEmpty: true });
    // The flag is one trailing byte, written only when set.
    expect([...flagged.slice(0, -1)]).toEqual([...plain]);
    expect(decodePeerMessage(plain)).toEqual({ ...open, startsEmpty: false });
  });

  it('refuses a close code no socket may be closed with', () => {
    for (const code of [1005, 1006, 2999, 5000]) {
      const bad = encodePeerMessage({
        type: 'closeBoard',
        boardId: 'b1',
        holder: '',
        code,
        reason: 'x',
      });
      expect(() => decodePeerMessage(bad)).toThrow(MalformedPeerMessage);
    }
  });

  it('refuses an unknown type, a cut message, trailing bytes, an unknown role and flag', () => {
    const open = encodePeerMessage(EVERY_KIND[0] as PeerMessage);
    const unknownRole = open.slice();
    unknownRole[unknownRole.length - 1] = 9;
    const unknownFlag = encodePeerMessage(EVERY_KIND[1] as PeerMessage);
    unknownFlag[unknownFlag.length - 1] = 2;
    for (const bad of [
      new Uint8Array([42]),
      new Uint8Array([]),
      open.slice(0, open.length - 3),
      new Uint8Array([...open, 0]),
      unknownRole,
      unknownFlag,
    ]) {
      expect(() => decodePeerMessage(bad)).toThrow(MalformedPeerMessage);
    }
  });
});
