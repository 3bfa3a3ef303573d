/**
 * A device's copy of a board saved before schema version 2 holds the whole board as it was
 * synced then. A participant's or observer's connection now syncs the board's view, written by
 * the server under other client ids, and the two histories of `meta`, `control` and the rest
 * would fight over the same keys. So such a copy is dropped, except the person's own `place:`
 * root, which only their own client ids wrote and which may hold work the server never got.
 */
import * as Y from 'yjs';
import { placeMap } from '../../shared/boardDoc.ts';
import { keepClients } from '../../shared/updateFilter.ts';
import { isOlderCopy } from './olderCopy.ts';

/** The own `place:` root of an older copy, as an update; null when the copy is current. */
export function ownPartOfOlderCopy(doc: Y.Doc, participantId: string): Uint8Array | null {
  if (!isOlderCopy(doc)) return null;
  const own = new Set<number>();
  for (const latest of placeMap(doc, participantId)._map.values()) {
    // Every value ever set under a key stays in its chain, deleted or not.
    for (let item: Y.Item | null = latest; item !== null; item = item.left) {
      own.add(item.id.client);
    }
  }
  return keepClients(Y.encodeStateAsUpdate(doc), (client) => own.has(client));
}
