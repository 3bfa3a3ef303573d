/**
 * The board's view (shared/publicView.ts says what it holds): one document per board that the
 * server keeps in step with the board and sends to participants and observers, each with their
 * own `place:` root cut out of the board (shared/updateFilter.ts). It is stored in the board's `view`
 * log like any document, so every device's copy always continues the server's history, and it
 * counts against the board's storage budget.
 *
 * The server writes it under client ids of its own, which nobody else may use (the room claims
 * them), and rewrites only the keys whose value changed.
 */
import * as Y from 'yjs';
import type { BaselineCard } from '../../shared/baseline.ts';
import {
  controlMap,
  finalMap,
  metaMap,
  participantsMap,
  ROOT_FIGURES,
  ROOT_PROGRESS,
  ROOT_ROUND_PROGRESS,
  type RootKind,
  type RoundRecord,
  readControl,
  readParticipants,
  readPlacements,
  readRounds,
  roundsArray,
} from '../../shared/boardDoc.ts';
import {
  cardFigures,
  readFigures,
  roundKeptFigures,
  type ViewSource,
  viewBaseline,
  viewFinal,
  viewMeta,
  viewParticipants,
  viewProgress,
  viewRound,
  viewRoundProgress,
  viewSource,
} from '../../shared/publicView.ts';
import { unreachable } from '../../shared/unreachable.ts';

/** What changed on the board, so the view recomputes only what depends on it. */
export class ViewScope {
  readonly roots = new Set<'meta' | 'participants' | 'control' | 'final' | 'rounds' | 'baseline'>();
  readonly cards = new Set<string>();
  allCards = false;
  /** Whose progress to count again: everyone's, or those whose placements changed. */
  readonly placers = new Set<string>();
  allProgress = false;
  /** People whose entry changed (a join, a removal): their cards and progress count again. */
  readonly people = new Set<string>();

  get isEmpty(): boolean {
    return (
      this.roots.size === 0 &&
      this.cards.size === 0 &&
      !this.allCards &&
      this.placers.size === 0 &&
      !this.allProgress &&
      this.people.size === 0
    );
  }

  static everything(): ViewScope {
    const scope = new ViewScope();
    for (const root of [
      'meta',
      'participants',
      'control',
      'final',
      'rounds',
      'baseline',
    ] as const) {
      scope.roots.add(root);
    }
    scope.allCards = true;
    scope.allProgress = true;
    return scope;
  }

  /** Adds a change of `keys` under a root of the board. */
  add(root: RootKind, keys: Iterable<string | null>): void {
    switch (root.kind) {
      case 'meta':
      case 'rounds':
        this.roots.add(root.kind);
        this.allCards = true;
        this.allProgress = true;
        return;
      case 'participants':
        this.roots.add('participants');
        for (const key of keys) if (key !== null) this.people.add(key);
        return;
      case 'control':
        // The phase, the round's cards and "show names" decide what every card shows; a
        // removal held back while the group was shown takes effect when it is hidden.
        this.roots.add('control');
        this.allCards = true;
        this.allProgress = true;
        return;
      case 'final':
        this.roots.add('final');
        return;
      case 'baseline':
        // Never copied into the view: each card's figures carry its matched card once shown.
        this.roots.add('baseline');
        this.allCards = true;
        return;
      case 'place':
        for (const key of keys) if (key !== null) this.cards.add(key);
        this.placers.add(root.participantId);
        return;
      case 'figures':
      case 'progress':
      case 'proposals':
      case 'unknown':
        return;
      default:
        unreachable(root);
    }
  }
}

/** Sets the keys of `map` to `values`, touching only what differs; `known` caches the JSON. */
function syncMap(
  map: Y.Map<unknown>,
  values: Record<string, unknown>,
  known: Map<string, string>,
  removeOthers: boolean,
): void {
  for (const [key, value] of Object.entries(values)) {
    const json = JSON.stringify(value);
    if (known.get(key) === json) continue;
    known.set(key, json);
    map.set(key, value);
  }
  if (!removeOthers) return;
  for (const key of [...map.keys()]) {
    if (!(key in values)) {
      map.delete(key);
      known.delete(key);
    }
  }
}

function cacheOf(map: Y.Map<unknown>): Map<string, string> {
  const cache = new Map<string, string>();
  map.forEach((value, key) => {
    cache.set(key, JSON.stringify(value));
  });
  return cache;
}

type Caches = Record<
  'meta' | 'participants' | 'control' | 'final' | 'figures' | 'progress' | 'roundProgress',
  Map<string, string>
>;

export class PublicView {
  readonly doc = new Y.Doc({ gc: true });
  /** The board's closed rounds, parsed once per change of them. */
  private boardRounds: RoundRecord[] | null = null;
  /** The board's matched baseline cards, worked out once per change of the baseline or rubric. */
  private boardBaseline: Map<string, BaselineCard> | null = null;
  /** The JSON of every key last written, per root; read from the document on first use. */
  private cached: Caches | null = null;

  private get caches(): Caches {
    this.cached ??= {
      meta: cacheOf(metaMap(this.doc)),
      participants: cacheOf(participantsMap(this.doc)),
      control: cacheOf(controlMap(this.doc)),
      final: cacheOf(finalMap(this.doc)),
      figures: cacheOf(this.doc.getMap(ROOT_FIGURES)),
      progress: cacheOf(this.doc.getMap(ROOT_PROGRESS)),
      roundProgress: cacheOf(this.doc.getMap(ROOT_ROUND_PROGRESS)),
    };
    return this.cached;
  }

  /** Every client id the view's history was written under (the server's). */
  clientIds(): number[] {
    return [...this.doc.store.clients.keys(), this.doc.clientID];
  }

  /**
   * Brings the view in step with `board` for what `scope` says changed, in one transaction
   * under `origin`. The caller stores the update the document emits before sending it.
   */
  refresh(board: Y.Doc, scope: ViewScope, origin: unknown): void {
    if (scope.isEmpty) return;
    this.doc.transact(() => {
      const { roots } = scope;
      const phase = readControl(board).phase;
      if (roots.has('meta')) syncMap(metaMap(this.doc), viewMeta(board), this.caches.meta, false);
      if (roots.has('participants') || roots.has('control')) {
        const people = viewParticipants(readParticipants(board), readParticipants(this.doc), phase);
        syncMap(participantsMap(this.doc), people, this.caches.participants, true);
      }
      if (roots.has('control')) {
        syncMap(controlMap(this.doc), controlMap(board).toJSON(), this.caches.control, true);
      }
      if (roots.has('final')) {
        syncMap(finalMap(this.doc), viewFinal(board), this.caches.final, true);
      }
      if (roots.has('rounds') || this.boardRounds === null) this.boardRounds = readRounds(board);
      // Before the figures change: they tell whether the closing round was shown.
      if (roots.has('rounds')) this.appendRounds(this.boardRounds);
      if (roots.has('baseline') || roots.has('meta') || this.boardBaseline === null) {
        this.boardBaseline = viewBaseline(board);
      }
      const source = viewSource(board, {
        participants: Object.fromEntries(readParticipants(this.doc)),
        rounds: this.boardRounds,
        baseline: this.boardBaseline,
      });
      const cards = this.cardsToRefresh(scope, source);
      if (cards.length > 0) {
        const viewRounds = readRounds(this.doc);
        const previousRoundShown = (cardId: string) => {
          const record = viewRounds.findLast((round) => round.cardIds.includes(cardId));
          return record !== undefined && roundKeptFigures(record, cardId);
        };
        const figures: Record<string, unknown> = {};
        for (const cardId of cards)
          figures[cardId] = cardFigures(source, cardId, previousRoundShown);
        syncMap(this.doc.getMap(ROOT_FIGURES), figures, this.caches.figures, scope.allCards);
      }
      if (scope.allProgress) {
        syncMap(this.doc.getMap(ROOT_PROGRESS), viewProgress(source), this.caches.progress, true);
        syncMap(
          this.doc.getMap(ROOT_ROUND_PROGRESS),
          viewRoundProgress(source),
          this.caches.roundProgress,
          true,
        );
      } else if (scope.placers.size > 0 || scope.people.size > 0) {
        const people = new Set([...scope.placers, ...scope.people]);
        this.syncProgressOf('progress', viewProgress(source, people), people);
        this.syncProgressOf('roundProgress', viewRoundProgress(source, people), people);
      }
    }, origin);
  }

  /** The cards whose figures may have changed: all, or those placed on or by who changed. */
  private cardsToRefresh(scope: ViewScope, source: ViewSource): string[] {
    if (scope.allCards) return source.cardIds;
    const cards = new Set(scope.cards);
    for (const participantId of scope.people) {
      for (const cardId of readPlacements(source.doc, participantId).keys()) cards.add(cardId);
    }
    return [...cards].filter((id) => source.cardIds.includes(id));
  }

  /** The progress of some people: set when they have placed something, removed when not. */
  private syncProgressOf(
    root: 'progress' | 'roundProgress',
    progress: Record<string, number>,
    people: ReadonlySet<string>,
  ): void {
    const map = this.doc.getMap(root === 'progress' ? ROOT_PROGRESS : ROOT_ROUND_PROGRESS);
    const cache = this.caches[root];
    syncMap(map, progress, cache, false);
    for (const participantId of people) {
      if (!(participantId in progress) && map.has(participantId)) {
        map.delete(participantId);
        cache.delete(participantId);
      }
    }
  }

  /**
   * Closed rounds only grow: each new one is added once, keeping a card's figures only when the
   * view was showing its group as the round closed (viewRound); the records already in the view
   * stay as they were decided. Fewer rounds on the board than in the view (a facilitator's
   * repair) rebuilds them, keeping no figures.
   */
  private appendRounds(rounds: readonly RoundRecord[]): void {
    const array = roundsArray(this.doc);
    if (rounds.length < array.length) array.delete(0, array.length);
    const shown = readFigures(this.doc);
    const shownWhenClosed = (cardId: string) => shown.get(cardId)?.dots !== undefined;
    const added = rounds.slice(array.length).map((record) => viewRound(record, shownWhenClosed));
    if (added.length > 0) array.push(added);
  }

  destroy(): void {
    this.doc.destroy();
  }
}
