/**
 * Who this browser is on each board: the participant id and token from joining (or the
 * facilitator token from the facilitator link), kept in localStorage so a reload is the same
 * person. "Not you?" forgets it.
 */
import type { Role } from '../shared/boardDoc.ts';

export interface BoardIdentity {
  participantId: string;
  token: string;
  role: Role;
  name: string;
}

const key = (boardId: string) => `continuum:identity:${boardId}`;

export function loadIdentity(boardId: string): BoardIdentity | null {
  try {
    const raw = localStorage.getItem(key(boardId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<BoardIdentity>;
    if (typeof value.participantId !== 'string' || typeof value.token !== 'string') return null;
    if (value.role !== 'facilitator' && value.role !== 'participant' && value.role !== 'observer') {
      return null;
    }
    return {
      participantId: value.participantId,
      token: value.token,
      role: value.role,
      name: typeof value.name === 'string' ? value.name : '',
    };
  } catch {
    return null;
  }
}

export function saveIdentity(boardId: string, identity: BoardIdentity): void {
  localStorage.setItem(key(boardId), JSON.stringify(identity));
}

export function forgetIdentity(boardId: string): void {
  localStorage.removeItem(key(boardId));
}
