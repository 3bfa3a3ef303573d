/**
 * Board tokens: 256-bit secrets handed out once, in a link, and stored only as their SHA-256
 * hash, so the store never holds a usable secret. A token says who someone is on one board
 * until it is revoked.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/boardDoc.ts';
import type { Store, TokenRecord } from '../persistence/store.ts';

/** Who a token speaks for. */
export interface Identity {
  boardId: string;
  participantId: string;
  role: Role;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time equality of two hashes. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh token for `identity`, and the row that stores its hash. */
export function mintToken(identity: Identity, at: number): { token: string; record: TokenRecord } {
  const token = newToken();
  return {
    token,
    record: { ...identity, tokenHash: hashToken(token), createdAt: at, revokedAt: null },
  };
}

export class Tokens {
  constructor(private readonly store: Store) {}

  /** Mints and stores a token; returns the secret, which is never seen again. */
  async issue(identity: Identity, at: number): Promise<string> {
    const { token, record } = mintToken(identity, at);
    await this.store.insertToken(record);
    return token;
  }

  /** Who a token is on a board, or null if it is unknown, revoked or for another board. */
  async verify(boardId: string, token: string): Promise<Identity | null> {
    const hash = hashToken(token);
    const record = await this.store.findToken(hash);
    if (!record || !sameHash(record.tokenHash, hash)) return null;
    if (record.boardId !== boardId || record.revokedAt !== null) return null;
    return { boardId, participantId: record.participantId, role: record.role };
  }

  /** Revokes every live token of one participant (a token revoked before keeps its time). */
  async revokeAll(boardId: string, participantId: string, at: number): Promise<void> {
    await this.store.revokeTokensOf(boardId, participantId, at);
  }
}
