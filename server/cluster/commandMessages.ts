/**
 * Board commands and their answers as they cross Redis between server processes: JSON, checked
 * on arrival like anything that crosses a network. A refusal travels as what it is (a
 * BoardServiceError keeps its status, code and field; a room that could not load keeps its
 * close), so the API answers a request the same whichever process ran its command.
 */
import { z } from 'zod';
import { proposalRequest } from '../../shared/api.ts';
import { isApiErrorCode } from '../../shared/apiErrors.ts';
import { baselineMatchesSchema, storedBaselineSchema } from '../../shared/baselineSchema.ts';
import { ROLES } from '../../shared/boardDoc.ts';
import { rubricInputSchema } from '../../shared/rubricInput.ts';
import type { BoardCommand } from '../boards/boardCommands.ts';
import { BoardServiceError } from '../boards/boardServiceError.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';

const newcomer = z.strictObject({
  name: z.string().max(200),
  role: z.enum(ROLES),
  organisation: z.string().max(200).optional(),
  proxy: z.boolean().optional(),
});
const newProposal = z.strictObject({
  participantId: z.string().max(64),
  ...proposalRequest.shape,
});
const close = z.strictObject({ code: z.int().min(1000).max(4999), reason: z.string().max(123) });

const COMMAND = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('join'), newcomer }),
  z.strictObject({ kind: z.literal('admit'), newcomer }),
  z.strictObject({ kind: z.literal('addProxy'), newcomer: newcomer.omit({ proxy: true }) }),
  z.strictObject({
    kind: z.literal('remove'),
    participantId: z.string().max(64),
    close,
    onlyFacilitators: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('participant'), participantId: z.string().max(64) }),
  z.strictObject({
    kind: z.literal('snapshot'),
    exportedAt: z.number(),
    anonymous: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('replaceRubric'), rubric: rubricInputSchema }),
  z.strictObject({ kind: z.literal('propose'), proposal: newProposal }),
  z.strictObject({ kind: z.literal('proposals'), participantId: z.string().max(64).nullable() }),
  z.strictObject({
    kind: z.literal('decideProposal'),
    proposalId: z.string().max(64),
    accept: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('setBaseline'), baseline: storedBaselineSchema.nullable() }),
  z.strictObject({ kind: z.literal('matchBaseline'), manualMatches: baselineMatchesSchema }),
]);

export class MalformedCommand extends Error {}

export function parseCommand(json: string): BoardCommand {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new MalformedCommand('a board command that is not JSON');
  }
  const parsed = COMMAND.safeParse(value);
  if (!parsed.success)
    throw new MalformedCommand(`a malformed board command: ${parsed.error.message}`);
  return parsed.data as BoardCommand;
}

const REFUSAL = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('refused'),
    status: z.union([z.literal(400), z.literal(403), z.literal(404), z.literal(409)]),
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('unavailable'), message: z.string(), close }),
  z.strictObject({ kind: z.literal('failed'), message: z.string() }),
]);

/** The answer to a carried command: its output, or what refused it. */
export function replyOf(output: unknown, error: unknown): { ok: boolean; body: string } {
  if (error === null) return { ok: true, body: JSON.stringify(output ?? null) };
  if (error instanceof BoardServiceError) {
    const refusal: z.infer<typeof REFUSAL> = {
      kind: 'refused',
      status: error.status,
      code: error.code,
      message: error.message,
    };
    if (error.field !== undefined) refusal.field = error.field;
    return { ok: false, body: JSON.stringify(refusal) };
  }
  if (error instanceof RoomLoadError) {
    return {
      ok: false,
      body: JSON.stringify({ kind: 'unavailable', message: error.message, close: error.close }),
    };
  }
  return { ok: false, body: JSON.stringify({ kind: 'failed', message: String(error) }) };
}

/** The carried command's output, or its refusal thrown as it was thrown at the holder. */
export function parseReply(reply: { ok: boolean; body: string }): unknown {
  let value: unknown;
  try {
    value = JSON.parse(reply.body);
  } catch {
    throw new Error('an answer from another process that is not JSON');
  }
  if (reply.ok) return value;
  const refusal = REFUSAL.parse(value);
  switch (refusal.kind) {
    case 'refused':
      if (!isApiErrorCode(refusal.code)) throw new Error(`unknown refusal code ${refusal.code}`);
      throw new BoardServiceError(refusal.status, refusal.code, refusal.message, refusal.field);
    case 'unavailable':
      throw new RoomLoadError(refusal.message, refusal.close);
    case 'failed':
      throw new Error(`the board's holder failed: ${refusal.message}`);
    default:
      return refusal satisfies never;
  }
}
