/**
 * Typed calls of the server's HTTP API. A refusal throws ApiError with the body's `code` and
 * `field` (words for it come from the catalogue: apiErrorText.ts); the server's English `error`
 * is kept as the Error's message, for logs.
 */

import type {
  BoardInfo,
  CreateBoardRequest,
  CreateBoardResponse,
  JoinRequest,
  JoinResponse,
  MeResponse,
  ProposalRequest,
  ReplaceRubricResponse,
} from '../shared/api.ts';
import type { BaselineMatches } from '../shared/baseline.ts';
import type { BaselineReport } from '../shared/baselineMatching.ts';
import type { Proposal } from '../shared/proposals.ts';
import type { RubricInput } from '../shared/rubricInput.ts';
import type { TimelineResponse } from '../shared/timeline.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's machine-readable code (client/apiErrorText.ts); null: none given. */
    readonly code: string | null = null,
    /** The field at fault, where one is. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** No answer at all: the network, not the server. */
export const UNREACHABLE_STATUS = 0;

function stringField(body: unknown, name: string): string | null {
  if (typeof body !== 'object' || body === null || !(name in body)) return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The error an HTTP error body describes: `error` (English, for logs), `code` and `field`. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  return new ApiError(
    status,
    // i18n-exempt: log text, never shown
    stringField(body, 'error') ?? `HTTP ${status}`,
    stringField(body, 'code'),
    stringField(body, 'field'),
  );
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  return answerOf<T>(fetch(path, init));
}

/** A request's answer: its JSON body, or the ApiError its refusal (or no answer) means. */
export async function answerOf<T>(request: Promise<Response>): Promise<T> {
  let response: Response;
  try {
    response = await request;
  } catch {
    // i18n-exempt: log text; useAsyncAction.ts words an unreachable server
    throw new ApiError(UNREACHABLE_STATUS, 'unreachable');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFromBody(response.status, body);
  return body as T;
}

function postJson<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function authorized<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  return call<T>(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export interface LinkResponse {
  participantId: string;
  token: string;
  url: string;
}

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

export const api = {
  createBoard: (request: CreateBoardRequest) =>
    postJson<CreateBoardResponse>('/api/boards', request),
  boardInfo: (boardId: string) => call<BoardInfo>(`/api/boards/${encodeURIComponent(boardId)}`),
  boardByJoinCode: (joinCode: string) =>
    call<BoardInfo>(`/api/join/${encodeURIComponent(joinCode)}`),
  join: (boardId: string, request: JoinRequest) =>
    postJson<JoinResponse>(`/api/boards/${encodeURIComponent(boardId)}/participants`, request),
  addProxy: (boardId: string, token: string, name: string, organisation?: string) =>
    authorized<{ participantId: string }>('POST', `${boardPath(boardId)}/proxies`, token, {
      name,
      ...(organisation ? { organisation } : {}),
    }),
  removeParticipant: (boardId: string, token: string, participantId: string) =>
    authorized<null>(
      'DELETE',
      `${boardPath(boardId)}/participants/${encodeURIComponent(participantId)}`,
      token,
    ),
  createCofacilitator: (boardId: string, token: string) =>
    authorized<LinkResponse>('POST', `${boardPath(boardId)}/cofacilitators`, token, {}),
  revokeCofacilitator: (boardId: string, token: string, participantId: string) =>
    authorized<null>(
      'DELETE',
      `${boardPath(boardId)}/cofacilitators/${encodeURIComponent(participantId)}`,
      token,
    ),
  deleteBoard: (boardId: string, token: string) =>
    authorized<null>('DELETE', boardPath(boardId), token),
  importSnapshot: (snapshot: unknown) =>
    postJson<CreateBoardResponse>('/api/boards/import', snapshot),
  /** An earlier board's snapshot as the board's baseline (the server checks it). */
  attachBaseline: (boardId: string, token: string, snapshot: unknown) =>
    authorized<BaselineReport>('POST', `${boardPath(boardId)}/baseline`, token, snapshot),
  matchBaseline: (boardId: string, token: string, matches: BaselineMatches) =>
    authorized<BaselineReport>('PUT', `${boardPath(boardId)}/baseline/matches`, token, {
      matches,
    }),
  removeBaseline: (boardId: string, token: string) =>
    authorized<null>('DELETE', `${boardPath(boardId)}/baseline`, token),
  createObserverLink: (boardId: string, token: string) =>
    authorized<LinkResponse>('POST', `${boardPath(boardId)}/observer-links`, token, {}),
  replaceRubric: (boardId: string, token: string, rubric: RubricInput) =>
    authorized<ReplaceRubricResponse>('PUT', `${boardPath(boardId)}/rubric`, token, rubric),
  propose: (boardId: string, token: string, request: ProposalRequest) =>
    authorized<Proposal>('POST', `${boardPath(boardId)}/proposals`, token, request),
  proposals: (boardId: string, token: string) =>
    authorized<{ proposals: Proposal[] }>('GET', `${boardPath(boardId)}/proposals`, token),
  decideProposal: (boardId: string, token: string, proposalId: string, accept: boolean) =>
    authorized<Proposal>(
      'POST',
      `${boardPath(boardId)}/proposals/${encodeURIComponent(proposalId)}/${accept ? 'accept' : 'decline'}`,
      token,
    ),
  /** The board's figures over the day (facilitators only). */
  timeline: (boardId: string, token: string) =>
    authorized<TimelineResponse>('GET', `${boardPath(boardId)}/timeline`, token),
  me: (boardId: string, token: string) =>
    call<MeResponse>(`/api/boards/${encodeURIComponent(boardId)}/me`, {
      headers: { Authorization: `Bearer ${token}` },
    }),
};
