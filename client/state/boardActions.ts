/**
 * What a person can do on the board, as writes to the Y.Doc (committed positions, session
 * control) or to the awareness (live dragging). Components call these; they never write the
 * store. The server checks every write against the rules (shared/writeRules.ts).
 */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { AwarenessState } from '../../shared/awarenessState.ts';
import {
  clearFinal,
  clearPlacement,
  MAX_REASON_LENGTH,
  type Phase,
  readControl,
  readPlacement,
  readRounds,
  roundPosition,
  setControl,
  setFinal,
  setPhase,
  setPlacement,
  type Timer,
} from '../../shared/boardDoc.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { cardRound, freezeRound } from '../../shared/rounds.ts';
import { announce } from '../a11y/announcer.ts';
import type { BoardStore } from './boardStore.ts';
import { currentTranslator } from './currentTranslator.ts';

/** Live drag positions travel at most this often (docs/design.md: ≤ 30 updates a second). */
const DRAG_INTERVAL_MS = 1000 / 30;

export interface BoardActions {
  /** Places a card for `ownerId` (the viewer, or a proxy the facilitator places for). */
  /** False when nothing was written (placing closed meanwhile), so nobody hears "placed". */
  place(ownerId: string, cardId: string, x: number): boolean;
  /** False when nothing was removed (placing closed, or only an earlier round's placement). */
  unplace(ownerId: string, cardId: string): boolean;
  setReason(ownerId: string, cardId: string, reason: string): void;
  /** Shows others where this card is while it moves; no position while placing is silent. */
  dragging(cardId: string, x: number | null): void;
  dragEnded(): void;
  // Facilitator only (the server refuses these from anyone else).
  setPhase(phase: Phase): void;
  setShowNames(show: boolean): void;
  setJoinOpen(open: boolean): void;
  setFocus(cardId: string | null): void;
  setTimer(timer: Timer | null): void;
  setFinal(cardId: string, x: number, note: string): void;
  clearFinal(cardId: string): void;
  /** Freezes the current round of these cards (null: all) and opens the next one. */
  startRound(cardIds: string[] | null): void;
  /** The wall's and the report's languages (null: each screen its own). */
  setRoomLanguages(languages: Locale[] | null): void;
}

export function createBoardActions(
  doc: Y.Doc,
  provider: WebsocketProvider,
  store: BoardStore,
): BoardActions {
  let lastSent = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  let latest: AwarenessState['drag'] = null;

  // A move the phase no longer allows: said on the banner, and at once to screen readers.
  const placingClosed = () => {
    const tr = currentTranslator();
    store.setState({ notice: tr.t('server.close.placingClosed') });
    announce(
      tr.t('server.announce.notSaved', { reason: tr.t('server.write.placingClosed') }),
      'assertive',
    );
  };

  const publish = () => {
    trailing = null;
    lastSent = performance.now();
    provider.awareness.setLocalStateField('drag', latest);
  };

  return {
    place(ownerId, cardId, x) {
      // The phase may have changed while the card was in the air.
      if (readControl(doc).phase !== 'placing') {
        placingClosed();
        return false;
      }
      const round = cardRound(cardId, readRounds(doc));
      const previous = readPlacement(doc, ownerId, cardId);
      const reason = previous?.round === round ? previous.reason : undefined;
      setPlacement(
        doc,
        ownerId,
        cardId,
        { x: roundPosition(x), round, at: Date.now(), ...(reason ? { reason } : {}) },
        'local',
      );
      return true;
    },
    unplace(ownerId, cardId) {
      if (readControl(doc).phase !== 'placing') {
        placingClosed();
        return false;
      }
      // Only this round's placement: an earlier round's stays as the record of that round.
      const previous = readPlacement(doc, ownerId, cardId);
      if (previous?.round !== cardRound(cardId, readRounds(doc))) return false;
      clearPlacement(doc, ownerId, cardId, 'local');
      return true;
    },
    setReason(ownerId, cardId, reason) {
      const previous = readPlacement(doc, ownerId, cardId);
      if (!previous) return;
      const { reason: _old, ...rest } = previous;
      const trimmed = reason.trim().slice(0, MAX_REASON_LENGTH);
      setPlacement(doc, ownerId, cardId, trimmed ? { ...rest, reason: trimmed } : rest, 'local');
    },
    dragging(cardId, x) {
      // A silent round leaks no position: others only see that the card is moving.
      latest =
        x === null || readControl(doc).phase === 'placing'
          ? { cardId }
          : { cardId, x: roundPosition(x) };
      const wait = DRAG_INTERVAL_MS - (performance.now() - lastSent);
      if (wait <= 0) publish();
      else trailing ??= setTimeout(publish, wait);
    },
    dragEnded() {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      latest = null;
      provider.awareness.setLocalStateField('drag', null);
    },
    setPhase(phase) {
      // Locking stops the countdown in the same transaction: a finished session must not end
      // in "Time's up" on every screen.
      doc.transact(() => {
        setPhase(doc, phase, 'local');
        if (phase === 'final') setControl(doc, 'timer', null, 'local');
      }, 'local');
    },
    setShowNames(show) {
      setControl(doc, 'showNames', show, 'local');
    },
    setJoinOpen(open) {
      setControl(doc, 'joinOpen', open, 'local');
    },
    setFocus(cardId) {
      setControl(doc, 'focusCardId', cardId, 'local');
    },
    setTimer(timer) {
      setControl(doc, 'timer', timer, 'local');
    },
    setFinal(cardId, x, note) {
      setFinal(doc, cardId, { x, note }, 'local');
    },
    clearFinal(cardId) {
      clearFinal(doc, cardId, 'local');
    },
    startRound(cardIds) {
      const state = store.getState();
      if (!state.meta) return;
      const allCardIds = state.meta.rubric.elements.flatMap((e) => e.cards.map((c) => c.id));
      freezeRound(doc, cardIds, allCardIds, (cardId) => state.stats[cardId], Date.now(), 'local');
    },
    setRoomLanguages(languages) {
      setControl(doc, 'roomLanguages', languages, 'local');
    },
  };
}
