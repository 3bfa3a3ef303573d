/** A board with history, exported as the snapshot tests read it. */
import type * as Y from 'yjs';
import { snapshotFromDoc } from '../../../../shared/snapshot/fromDoc.ts';
import type { Snapshot } from '../../../../shared/snapshot/schema.ts';
import { T0 } from '../../../support/boardHistory.ts';

export const EXPORTED_AT = T0 + 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export function snapshotOf(doc: Y.Doc, anonymous = false): Snapshot {
  const snapshot = snapshotFromDoc(doc, 'board-1', { exportedAt: EXPORTED_AT, anonymous });
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

/** What a file holds: the snapshot through JSON. */
export function asFile(snapshot: Snapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
}
