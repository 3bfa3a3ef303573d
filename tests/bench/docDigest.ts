/**
 * What a client's copy of a board holds, in a canonical form, so copies can be compared for
 * convergence: the state vector (which writes it has) and the content read through
 * shared/boardDoc.ts (what the writes add up to).
 */
import * as Y from 'yjs';
import {
  placementOwners,
  readControl,
  readFinal,
  readParticipants,
  readPlacements,
  readRounds,
} from '../../shared/boardDoc.ts';
import { readFigures, readProgress } from '../../shared/publicView.ts';

function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The document's content as one canonical JSON string. */
export function contentDigest(doc: Y.Doc): string {
  const places = placementOwners(doc)
    .sort()
    .map((participantId) => [participantId, sortedEntries(readPlacements(doc, participantId))]);
  return JSON.stringify({
    control: readControl(doc),
    participants: sortedEntries(readParticipants(doc)),
    final: sortedEntries(readFinal(doc)),
    rounds: readRounds(doc),
    places,
  });
}

/**
 * What a view holds for everyone (shared/publicView.ts), without the holder's own placements:
 * every participant's view of a board must say the same.
 */
export function viewDigest(doc: Y.Doc): string {
  return JSON.stringify({
    control: readControl(doc),
    participants: sortedEntries(readParticipants(doc)),
    final: sortedEntries(readFinal(doc)),
    rounds: readRounds(doc),
    figures: sortedEntries(readFigures(doc)),
    progress: Object.entries(readProgress(doc)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  });
}

/** Whether two documents have integrated exactly the same writes. */
export function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.decodeStateVector(Y.encodeStateVector(a));
  const right = Y.decodeStateVector(Y.encodeStateVector(b));
  if (left.size !== right.size) return false;
  for (const [client, clock] of left) if (right.get(client) !== clock) return false;
  return true;
}

/** Whether `doc` has every write `writer` made itself (its own client's clock). */
export function hasWritesOf(doc: Y.Doc, writer: Y.Doc): boolean {
  return Y.getState(doc.store, writer.clientID) >= Y.getState(writer.store, writer.clientID);
}
