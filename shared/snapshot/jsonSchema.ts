/**
 * The snapshot's JSON Schema, generated from the zod schema (schema.ts), so that other tools can
 * check a snapshot without this code. `npm run schema:snapshot` writes it to
 * docs/snapshot.schema.json; a unit test fails when that file no longer matches. Pure.
 */
import { z } from 'zod';
import { exportedSnapshotSchema, SNAPSHOT_VERSION } from './schema.ts';

/** Where the generated schema is committed, from the repository root. */
export const SNAPSHOT_JSON_SCHEMA_FILE = 'docs/snapshot.schema.json';

export function snapshotJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(exportedSnapshotSchema),
    title: `Continuum board snapshot, version ${SNAPSHOT_VERSION}`,
    description:
      'A board as Continuum exports it (docs/snapshot-format.md). Generated from shared/snapshot/schema.ts by `npm run schema:snapshot`; do not edit by hand.',
  };
}

/** The file's text before Biome formats it: two-space JSON and a final newline. */
export function snapshotJsonSchemaText(): string {
  return `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`;
}
