/**
 * Who is on a board right now: the room's awareness and which awareness client ids each
 * connection speaks for. A client's awareness update is filtered (awarenessFilter.ts) before it
 * is applied; a connection may not speak for another participant's presence nor for more than
 * a few presences. A closed connection's presences go with it, so a closed tab leaves no ghost.
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Phase, Role } from '../../shared/boardDoc.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { filterAwarenessUpdate, silenceStoredDrags } from './awarenessFilter.ts';
import { type ClientIdOwnership, ownerKey } from './clientIdOwnership.ts';

/** A tab is one presence; a client that reloads its doc may briefly hold a couple. */
const MAX_PRESENCES_PER_CONNECTION = 4;

/** What presence needs of a connection. */
export interface PresenceSpeaker {
  readonly participantId: string;
  readonly role: Role;
  /** Counts an awareness message that carried news; false (and closed) when over its rate. */
  allowAwareness(): boolean;
}

export class Presence {
  readonly awareness: Awareness;
  /** The awareness client ids each connection speaks for. */
  private readonly speakers = new Map<PresenceSpeaker, Set<number>>();

  constructor(
    doc: Y.Doc,
    private readonly clientIds: ClientIdOwnership,
    private phase: Phase,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null); // the server itself is not present on the board
  }

  add(speaker: PresenceSpeaker): void {
    this.speakers.set(speaker, new Set());
  }

  /** Forgets a connection and removes the presences it spoke for. */
  remove(speaker: PresenceSpeaker): void {
    const presences = this.speakers.get(speaker);
    if (!presences) return;
    this.speakers.delete(speaker);
    if (presences.size > 0) removeAwarenessStates(this.awareness, [...presences], null);
  }

  get isEmpty(): boolean {
    return this.awareness.getStates().size === 0;
  }

  /** Every present state in one awareness update. */
  everyone(): Uint8Array {
    return encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** When placing opens, positions held in stored drags go, so newcomers are not sent them. */
  followPhase(phase: Phase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    if (phase === 'placing') silenceStoredDrags(this.awareness.states);
  }

  /**
   * Applies what a connection may say of `update`; returns the close that refuses it, or null.
   * Throws if the update is unreadable.
   */
  receive(speaker: PresenceSpeaker, update: Uint8Array): Close | null {
    const presences = this.speakers.get(speaker);
    if (!presences) return null;
    const filtered = filterAwarenessUpdate(update, {
      participantId: speaker.participantId,
      controlled: presences,
      knownClock: (clientId) => this.awareness.meta.get(clientId)?.clock,
      phase: this.phase,
    });
    if (!filtered.news || !speaker.allowAwareness()) return null;
    const owner = ownerKey(speaker.participantId, speaker.role);
    if (
      this.clientIds.foreignAmong(filtered.claimed, owner) !== null ||
      !this.takeOver(speaker, filtered.claimed)
    ) {
      return CLOSES.foreignPresence;
    }
    if (new Set([...presences, ...filtered.claimed]).size > MAX_PRESENCES_PER_CONNECTION) {
      // A browser tab is one presence; inventing more would grow every room's state for all.
      return CLOSES.tooManyPresences;
    }
    this.clientIds.claim(filtered.claimed, owner);
    for (const clientId of filtered.claimed) presences.add(clientId);
    if (filtered.update) applyAwarenessUpdate(this.awareness, filtered.update, speaker);
    return null;
  }

  destroy(): void {
    this.awareness.destroy();
  }

  /**
   * Lets a connection speak for awareness client ids. An id another connection of the same
   * participant speaks for moves over (a reconnect that arrived before the old socket closed,
   * whose close must then not remove the new presence); another participant's is refused.
   */
  private takeOver(speaker: PresenceSpeaker, clientIds: readonly number[]): boolean {
    const others = [...this.speakers].filter(([other]) => other !== speaker);
    for (const [other, presences] of others) {
      const shared = clientIds.some((clientId) => presences.has(clientId));
      if (shared && other.participantId !== speaker.participantId) return false;
    }
    for (const [, presences] of others) {
      for (const clientId of clientIds) presences.delete(clientId);
    }
    return true;
  }
}
