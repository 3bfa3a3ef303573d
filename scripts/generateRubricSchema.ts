/**
 * Writes a rubric file's JSON Schema (docs/rubric.schema.json) from the zod schema.
 *
 *   npm run schema:rubric
 *
 * Run it whenever shared/rubricInput.ts changes; a unit test fails until the file is new.
 * The file is then formatted by Biome, as every committed file is.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUBRIC_JSON_SCHEMA_FILE, rubricJsonSchemaText } from '../shared/rubricJsonSchema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, RUBRIC_JSON_SCHEMA_FILE);
writeFileSync(out, rubricJsonSchemaText());
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', out], {
  stdio: 'ignore',
});
console.log(`wrote ${RUBRIC_JSON_SCHEMA_FILE}`);
