/** Random identifiers of boards, people and join codes (tokens are in auth/tokens.ts). */
import { randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/joinCode.ts';

export function newBoardId(): string {
  return randomBytes(16).toString('base64url'); // 128 bits
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
