/** The committed JSON Schema of a snapshot is what the zod schema generates now. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_JSON_SCHEMA_FILE,
  snapshotJsonSchema,
} from '../../../../shared/snapshot/jsonSchema.ts';
import { SNAPSHOT_VERSION } from '../../../../shared/snapshot/schema.ts';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('docs/snapshot.schema.json', () => {
  it('matches the zod snapshot schema (run `npm run schema:snapshot` when it does not)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(repositoryRoot, SNAPSHOT_JSON_SCHEMA_FILE), 'utf8'),
    );
    expect(committed).toEqual(snapshotJsonSchema());
  });

  it('states the snapshot version and refuses fields it does not know', () => {
    const schema = snapshotJsonSchema();
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { snapshotVersion: { const: SNAPSHOT_VERSION } },
    });
  });
});
