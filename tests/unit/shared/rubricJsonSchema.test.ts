/** The committed JSON Schema of a rubric file is what the zod schema generates now. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUBRIC_JSON_SCHEMA_FILE, rubricJsonSchema } from '../../../shared/rubricJsonSchema.ts';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('docs/rubric.schema.json', () => {
  it('matches the zod rubric schema (run `npm run schema:rubric` when it does not)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(repositoryRoot, RUBRIC_JSON_SCHEMA_FILE), 'utf8'),
    );
    expect(committed).toEqual(rubricJsonSchema());
  });

  it('refuses fields it does not know and bounds the elements', () => {
    expect(rubricJsonSchema()).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['title', 'elements'],
      properties: { elements: { minItems: 1, maxItems: 8 } },
    });
  });
});
