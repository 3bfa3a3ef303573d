/**
 * Whether this device's copy of a board was saved before the current schema version
 * (localCopyUpgrade.ts says what becomes of it). Apart from the upgrade itself, which only a
 * device with such a copy loads.
 */
import type * as Y from 'yjs';
import { readMeta, SCHEMA_VERSION } from '../../shared/boardDoc.ts';

export function isOlderCopy(doc: Y.Doc): boolean {
  const meta = readMeta(doc);
  return meta !== null && meta.schemaVersion < SCHEMA_VERSION;
}
