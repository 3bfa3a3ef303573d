/** The snapshot of a board document: its readers' data, handed to `buildSnapshot`. Pure. */
import type * as Y from 'yjs';
import {
  type Placement,
  placementOwners,
  readBaseline,
  readControl,
  readFinal,
  readMeta,
  readParticipants,
  readPlacements,
  readRounds,
} from '../boardDoc.ts';
import { everyRubricCard } from '../rubric.ts';
import { buildSnapshot } from './build.ts';
import type { Snapshot } from './schema.ts';

/** The snapshot of a board document, or null when its meta is unreadable. */
export function snapshotFromDoc(
  doc: Y.Doc,
  boardId: string,
  options: { exportedAt: number; anonymous: boolean },
): Snapshot | null {
  const meta = readMeta(doc);
  if (meta === null) return null;
  // Only the rubric's cards, retired ones included: the keys of `place:` maps are written by
  // clients.
  const known = new Set(everyRubricCard(meta.rubric).map((card) => card.id));
  const placements = new Map<string, Record<string, Placement>>();
  for (const participantId of placementOwners(doc)) {
    for (const [cardId, placement] of readPlacements(doc, participantId)) {
      if (!known.has(cardId)) continue;
      const byParticipant = placements.get(cardId) ?? {};
      byParticipant[participantId] = placement;
      placements.set(cardId, byParticipant);
    }
  }
  return buildSnapshot({
    boardId,
    meta,
    control: readControl(doc),
    participants: Object.fromEntries(readParticipants(doc)),
    placements: Object.fromEntries(placements),
    final: Object.fromEntries(readFinal(doc)),
    rounds: readRounds(doc),
    baseline: readBaseline(doc),
    ...options,
  });
}
