/**
 * The answer of the "/me" request that public/early-me.js sent before the app's scripts arrived,
 * for the link it was sent for; null when there is none (the app asks itself then).
 */
import type { MeResponse } from '../../shared/api.ts';
import { answerOf } from '../api.ts';

interface EarlyMe {
  boardId: string;
  token: string;
  response: Promise<Response>;
  /** The body of a yes, once the early script has read it (null until then, or for a no). */
  answer: unknown;
}

declare global {
  interface Window {
    __continuumEarlyMe?: EarlyMe;
  }
}

// A body reads once: kept here so a second effect run (StrictMode) gets the same answer.
let taken: {
  boardId: string;
  token: string;
  answer: Promise<MeResponse>;
  /** The answer itself, when it was already read as the app started. */
  now?: MeResponse;
} | null = null;

/**
 * The early answer now, when it is already here and a yes: the board page then starts knowing
 * who this is, without a render that says "opening" first. Taken like earlyMe's.
 */
export function earlyMeAnswered(boardId: string, token: string): MeResponse | null {
  const sent = window.__continuumEarlyMe;
  if (sent && sent.boardId === boardId && sent.token === token && isMe(sent.answer)) {
    delete window.__continuumEarlyMe;
    taken = { boardId, token, answer: Promise.resolve(sent.answer), now: sent.answer };
  }
  return taken && taken.boardId === boardId && taken.token === token ? (taken.now ?? null) : null;
}

function isMe(body: unknown): body is MeResponse {
  if (typeof body !== 'object' || body === null) return false;
  const { participantId, role, name } = body as Record<string, unknown>;
  return (
    typeof participantId === 'string' &&
    typeof name === 'string' &&
    (role === 'facilitator' || role === 'participant' || role === 'observer')
  );
}

export function earlyMe(boardId: string, token: string): Promise<MeResponse> | null {
  const sent = window.__continuumEarlyMe;
  if (sent && sent.boardId === boardId && sent.token === token) {
    delete window.__continuumEarlyMe;
    taken = { boardId, token, answer: answerOf<MeResponse>(sent.response) };
  }
  return taken && taken.boardId === boardId && taken.token === token ? taken.answer : null;
}
