/** Random identifiers and secrets. Board ids and tokens carry ≥ 128 bits; tokens are hashed. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../shared/joinCode.ts';

export function newBoardId(): string {
  return randomBytes(16).toString('base64url'); // 128 bits
}

export function newToken(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
}

const PARTICIPANT_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Participant ids are not secrets; they are short because every write stores them. */
export function newParticipantId(): string {
  let id = '';
  for (let i = 0; i < 8; i++)
    id += PARTICIPANT_ID_ALPHABET[randomInt(PARTICIPANT_ID_ALPHABET.length)];
  return id;
}

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Tokens are stored and looked up by hash, so the store never holds a usable secret. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time equality of two token hashes. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
