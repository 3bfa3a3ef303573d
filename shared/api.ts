/**
 * The public HTTP interface: request bodies (validated with zod at the server's boundary) and
 * response shapes. A contract: other tools and tests use these routes and fields as written.
 */
import { z } from 'zod';
import type { ApiErrorBody } from './apiErrors.ts';
import { baselineMatchesSchema } from './baselineSchema.ts';
import { NAME_MAX_LENGTH } from './nameLimits.ts';
import { languageTag, RUBRIC_LIMITS, rubricInputSchema } from './rubricInput.ts';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** A person's display name, refused in words a person understands (the field is named too). */
const personName = (missing: string) =>
  z
    .string()
    .trim()
    .min(1, missing)
    .max(NAME_MAX_LENGTH, `Please keep the name to ${NAME_MAX_LENGTH} characters or fewer.`);

export const createBoardRequest = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'Please give the board a title.')
    .max(200, 'Please keep the title to 200 characters or fewer.'),
  organisations: z
    .array(trimmed(80))
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'organisations must be unique')
    .optional(),
  /** The board's own rubric (shared/rubricInput.ts); without it, the seed's. */
  rubric: rubricInputSchema.optional(),
  /**
   * An earlier board's snapshot to compare with (a baseline, shared/baseline.ts): checked as an
   * import is (shared/snapshot/parse.ts), errors named under `baseline.`.
   */
  baseline: z.unknown().optional(),
});
export type CreateBoardRequest = z.infer<typeof createBoardRequest>;

/** `PUT /api/boards/:boardId/rubric`: the whole rubric again, as a rubric file has it. */
export const replaceRubricRequest = rubricInputSchema;

/** What `PUT /api/boards/:boardId/rubric` answers: the cards it retired (placed, then removed). */
export interface ReplaceRubricResponse {
  retired: string[];
}

/** `POST /api/boards/:boardId/proposals`: a card a participant proposes during discussion. */
export const proposalRequest = z.strictObject({
  elementId: z.string().min(1).max(64),
  text: z
    .string()
    .trim()
    .min(1, 'Please write the card.')
    .max(
      RUBRIC_LIMITS.maxCardText,
      `Please keep the card to ${RUBRIC_LIMITS.maxCardText} characters or fewer.`,
    ),
  column: z.enum(['vendor', 'partnership']),
  /** The language the card is written in (the proposer's screen's). */
  language: languageTag.optional(),
});
export type ProposalRequest = z.infer<typeof proposalRequest>;

export interface CreateBoardResponse {
  boardId: string;
  facilitatorToken: string;
  joinCode: string;
  facilitatorUrl: string;
  joinUrl: string;
}

/** `POST /api/boards/import` takes a snapshot file (shared/snapshot/parse.ts) up to this size. */
export const SNAPSHOT_MAX_BYTES = 5 * 1024 * 1024;

/** `PUT /api/boards/:boardId/baseline/matches`: every hand match, board card → baseline card. */
export const baselineMatchesRequest = z.strictObject({ matches: baselineMatchesSchema });
export type BaselineMatchesRequest = z.infer<typeof baselineMatchesRequest>;

/** A restored board answers exactly as a created one. */
export type ImportBoardResponse = CreateBoardResponse;

export const joinRequest = z
  .strictObject({
    joinCode: z.string().max(32),
    name: personName('Please enter your name.').optional(),
    role: z.enum(['participant', 'observer']).optional(),
    organisation: trimmed(80).optional(),
  })
  .refine((body) => body.role === 'observer' || body.name !== undefined, {
    message: 'Please enter your name.',
    path: ['name'],
  });
export type JoinRequest = z.infer<typeof joinRequest>;

export interface JoinResponse {
  participantId: string;
  token: string;
}

/** What anyone may know about a board: nothing secret. */
export interface BoardInfo {
  boardId: string;
  title: string;
  organisations: string[];
}

/** Who a token belongs to (`GET /api/boards/:boardId/me` with `Authorization: Bearer`). */
export interface MeResponse {
  boardId: string;
  participantId: string;
  role: 'facilitator' | 'participant' | 'observer';
  name: string;
  /** For the facilitator, who shares it, and observers (the projector shows it). */
  joinCode?: string;
}

// Session administration: routes only a facilitator of the board may use
// (`Authorization: Bearer <facilitator token>`).

export const addCoFacilitatorRequest = z.strictObject({
  name: personName('Please enter a name.').optional(),
});
export type AddCoFacilitatorRequest = z.infer<typeof addCoFacilitatorRequest>;

export const addProxyRequest = z.strictObject({
  name: personName("Please enter the person's name."),
  organisation: trimmed(80).optional(),
});
export type AddProxyRequest = z.infer<typeof addProxyRequest>;

export const createObserverLinkRequest = z.strictObject({});

/** A new person with their own token, and the link that signs them in (secret in the fragment). */
export interface AccessLinkResponse {
  participantId: string;
  token: string;
  url: string;
}

/** A proxy participant has no token: a facilitator places cards on their behalf. */
export interface AddProxyResponse {
  participantId: string;
}

/**
 * `GET /api/addresses`: where people in the room reach this server. `origin` is what the links
 * of this request use; `addresses` every origin the server can be reached at (`origin` first).
 */
export interface AddressesResponse {
  origin: string;
  addresses: string[];
  /** PUBLIC_URL is set: the links work beyond the room's network. */
  publicUrl: boolean;
}

/** Every error the API answers (shared/apiErrors.ts lists the codes). */
export type ErrorResponse = ApiErrorBody;

/** Turns a zod error into one clear sentence naming the field. */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * The field a zod error is about: its first issue's path (`placements.3.position`), with the
 * first unknown key for a key that does not belong (`board.secret`); undefined for the whole.
 */
export function validationField(error: z.ZodError): string | undefined {
  const issue = error.issues[0];
  if (!issue) return undefined;
  const path =
    issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = path.map(String).filter(Boolean).join('.');
  return field === '' ? undefined : field;
}
