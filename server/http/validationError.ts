/**
 * A request body zod refused, as the API answers it: the first issue's sentence, its field, and
 * a code that says what is wrong with the fields people fill in (a title or a name missing or
 * too long), `invalidBody` for the rest.
 */
import type { z } from 'zod';
import { describeValidationError, validationField } from '../../shared/api.ts';
import type { ApiErrorCode } from '../../shared/apiErrors.ts';
import { HttpError } from './json.ts';

/** The fields a person types, and the codes of their two usual mistakes. */
const TYPED_FIELDS: Readonly<Record<string, { missing: ApiErrorCode; tooLong: ApiErrorCode }>> = {
  title: { missing: 'titleRequired', tooLong: 'titleTooLong' },
  name: { missing: 'nameRequired', tooLong: 'nameTooLong' },
};

export function validationError(error: z.ZodError, input: unknown): HttpError {
  return new HttpError(400, validationCode(error, input), describeValidationError(error), {
    field: validationField(error),
  });
}

function validationCode(error: z.ZodError, input: unknown): ApiErrorCode {
  const issue = error.issues[0];
  const [key, ...deeper] = issue?.path ?? [];
  const typed = typeof key === 'string' && deeper.length === 0 ? TYPED_FIELDS[key] : undefined;
  if (!issue || !typed) return 'invalidBody';
  if (issue.code === 'too_big') return typed.tooLong;
  const absent = !isRecord(input) || input[key as string] === undefined;
  // Blank (too short after trimming), left out, or required by a rule of the whole body.
  if (issue.code === 'too_small' || issue.code === 'custom' || absent) return typed.missing;
  return 'invalidBody';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
