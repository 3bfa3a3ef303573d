/**
 * Writes the snapshot's JSON Schema (docs/snapshot.schema.json) from the zod snapshot schema.
 *
 *   npm run schema:snapshot
 *
 * Run it whenever shared/snapshot/schema.ts changes; a unit test fails until the file is new.
 * The file is then formatted by Biome, as every committed file is.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SNAPSHOT_JSON_SCHEMA_FILE,
  snapshotJsonSchemaText,
} from '../shared/snapshot/jsonSchema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, SNAPSHOT_JSON_SCHEMA_FILE);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, snapshotJsonSchemaText());
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', out], {
  stdio: 'ignore',
});
console.log(`wrote ${SNAPSHOT_JSON_SCHEMA_FILE}`);
