/**
 * A rubric file's JSON Schema, generated from the zod schema (rubricInput.ts), so a rubric can be
 * written and checked without this code. `npm run schema:rubric` writes it to
 * docs/rubric.schema.json; a unit test fails when that file no longer matches. What a schema
 * cannot say (unique ids; the limits of a text in the rubric's own language, which the schema
 * bounds by the translations' allowance) the server still checks, and names the field. Pure.
 */
import { z } from 'zod';
import { RUBRIC_LIMITS, rubricInputSchema } from './rubricInput.ts';

/** Where the generated schema is committed, from the repository root. */
export const RUBRIC_JSON_SCHEMA_FILE = 'docs/rubric.schema.json';

export function rubricJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(rubricInputSchema, { io: 'input' }),
    title: 'Continuum rubric file',
    description: `A board's rubric: 1–${RUBRIC_LIMITS.maxElements} elements of 1–${RUBRIC_LIMITS.maxCards} cards, any text a string or { "en": …, "es": … } (docs/http-api.md, "Rubric files"). Generated from shared/rubricInput.ts by \`npm run schema:rubric\`; do not edit by hand.`,
  };
}

/** The file's text before Biome formats it: two-space JSON and a final newline. */
export function rubricJsonSchemaText(): string {
  return `${JSON.stringify(rubricJsonSchema(), null, 2)}\n`;
}
