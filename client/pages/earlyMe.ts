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
}

declare global {
  interface Window {
    __continuumEarlyMe?: EarlyMe;
  }
}

// A body reads once: kept here so a second effect run (StrictMode) gets the same answer.
let taken: { boardId: string; token: string; answer: Promise<MeResponse> } | null = null;

export function earlyMe(boardId: string, token: string): Promise<MeResponse> | null {
  const sent = window.__continuumEarlyMe;
  if (sent && sent.boardId === boardId && sent.token === token) {
    delete window.__continuumEarlyMe;
    taken = { boardId, token, answer: answerOf<MeResponse>(sent.response) };
  }
  return taken && taken.boardId === boardId && taken.token === token ? taken.answer : null;
}
