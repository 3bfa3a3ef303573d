/**
 * Keeps the read-model in step with the Y.Doc and the awareness: one store update per Yjs
 * transaction, touching only the roots and keys the transaction changed, and recomputing the
 * consensus figures only for the cards whose placements changed (all of them only when who
 * counts or the rounds change).
 *
 * A facilitator's document is the whole board: figures come from everyone's placements. A
 * participant's or observer's document is the board's view (shared/publicView.ts): figures
 * come from its `figures` and `roundProgress` roots, and the only placements in it are their own.
 */
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Audience } from '../../shared/audience.ts';
import { parseAwarenessState } from '../../shared/awarenessState.ts';
import type { BaselineCard, StoredBaseline } from '../../shared/baseline.ts';
import { matchedBaselineCards } from '../../shared/baselineMatching.ts';
import {
  type BoardMeta,
  type Placement,
  placementOwners,
  ROOT_ROUND_PROGRESS,
  readBaseline,
  readControl,
  readFinal,
  readMeta,
  readParticipants,
  readPlacement,
  readPlacements,
  readRounds,
  rootKind,
  rootNameOf,
} from '../../shared/boardDoc.ts';
import {
  type CardStats,
  cardStats,
  cardStatsFromFigures,
  elementOrganisations,
  elementSummaries,
  sinceRollUps,
} from '../../shared/boardStats.ts';
import { rollUpBoard } from '../../shared/consensus/rollUp.ts';
import { countedParticipantIds } from '../../shared/countedPlacements.ts';
import { readProposals } from '../../shared/proposals.ts';
import { type CardFigures, readFigures, readProgress } from '../../shared/publicView.ts';
import { RECENTLY_HERE_MS, roomProgress } from '../../shared/roomProgress.ts';
import { isInOpenRound } from '../../shared/rounds.ts';
import { type Rubric, rubricCards } from '../../shared/rubric.ts';
import { withSeedTranslations } from '../../shared/seedTranslations.ts';
import { unreachable } from '../../shared/unreachable.ts';
import type { BoardState, BoardStore, RemoteDrag } from './boardStore.ts';

type PlacementsByCard = BoardState['placements'];

function withPlacement(
  byCard: PlacementsByCard,
  cardId: string,
  participantId: string,
  placement: Placement | null,
): PlacementsByCard {
  const card = { ...(byCard[cardId] ?? {}) };
  if (placement) card[participantId] = placement;
  else delete card[participantId];
  return { ...byCard, [cardId]: card };
}

function readAllPlacements(doc: Y.Doc): PlacementsByCard {
  const byCard: Record<string, Record<string, Placement>> = {};
  for (const participantId of placementOwners(doc)) {
    for (const [cardId, placement] of readPlacements(doc, participantId)) {
      const card = byCard[cardId] ?? {};
      card[participantId] = placement;
      byCard[cardId] = card;
    }
  }
  return byCard;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keeps unchanged participants identical so their avatars do not re-render. */
function mergeParticipants(
  previous: BoardState['participants'],
  next: Map<string, BoardState['participants'][string]>,
): BoardState['participants'] {
  const merged: Record<string, BoardState['participants'][string]> = {};
  for (const [id, participant] of next) {
    const old = previous[id];
    merged[id] = old && sameJson(old, participant) ? old : participant;
  }
  return merged;
}

/** Where a card's figures come from: everyone's placements, or a view's figures. */
type StatsSource =
  | { audience: 'board' }
  | {
      audience: 'view';
      figures: ReadonlyMap<string, CardFigures>;
      roundProgress: Record<string, number>;
    };

/**
 * The baseline's matches, worked out again only when the rubric or the baseline changed (both
 * keep their identity in the read-model until then), not at every placement.
 */
let lastMatches: {
  rubric: Rubric;
  baseline: StoredBaseline;
  matches: Map<string, BaselineCard>;
} | null = null;
function baselineMatchesOf(rubric: Rubric, baseline: StoredBaseline): Map<string, BaselineCard> {
  if (lastMatches?.rubric !== rubric || lastMatches.baseline !== baseline) {
    lastMatches = { rubric, baseline, matches: matchedBaselineCards(rubric, baseline) };
  }
  return lastMatches.matches;
}

/** The consensus part of the read-model, for the given cards (or all). */
function withStats(
  state: BoardState,
  cardIds: Iterable<string> | 'all',
  source: StatsSource,
): Partial<BoardState> {
  if (!state.meta) return {};
  const live = rubricCards(state.meta.rubric).map((card) => card.id);
  // Only the cards on the board: a card retired in Setup leaves the figures and the counts.
  const onBoard = new Set(live);
  const ids = cardIds === 'all' ? live : [...cardIds].filter((cardId) => onBoard.has(cardId));
  const stats: Record<string, CardStats> = cardIds === 'all' ? {} : { ...state.stats };
  const baseline =
    source.audience === 'board' && state.baseline
      ? baselineMatchesOf(state.meta.rubric, state.baseline)
      : new Map();
  for (const cardId of ids) {
    stats[cardId] =
      source.audience === 'view'
        ? cardStatsFromFigures(cardId, source.figures.get(cardId), state.rounds)
        : cardStats(
            cardId,
            state.placements[cardId],
            state.participants,
            state.rounds,
            state.meta.organisations,
            baseline.get(cardId) ?? null,
          );
  }
  const { rubric, organisations } = state.meta;
  const elements = elementSummaries(rubric, (cardId) => stats[cardId]?.summary);
  const inRound =
    source.audience === 'view'
      ? source.roundProgress
      : placedCounts(stats, (cardId) => isInOpenRound(cardId, state.control));
  return {
    stats,
    elements,
    elementOrganisations: elementOrganisations(rubric, organisations, (cardId) => stats[cardId]),
    board: rollUpBoard(Object.values(elements)),
    since: sinceRollUps(rubric, (cardId) => stats[cardId]?.since),
    countedTotal: countedParticipantIds(state.participants).length,
    roundPlaced: sameJson(inRound, state.roundPlaced) ? state.roundPlaced : inRound,
  };
}

/** The room's counts, recomputed from the parts of the state they depend on. */
function withProgress(state: BoardState): Partial<BoardState> {
  const cards = state.meta ? rubricCards(state.meta.rubric) : [];
  const progress = roomProgress({
    participants: state.participants,
    here: new Set(state.here),
    roundPlaced: state.roundPlaced,
    roundSize: cards.filter((card) => isInOpenRound(card.id, state.control)).length,
  });
  return sameJson(progress, state.progress) ? {} : { progress };
}

/** How many of the `included` cards each counted participant has placed in their current rounds. */
function placedCounts(
  stats: Readonly<Record<string, CardStats>>,
  included: (cardId: string) => boolean,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [cardId, card] of Object.entries(stats)) {
    if (!included(cardId)) continue;
    for (const { participantId } of card.placed)
      counts[participantId] = (counts[participantId] ?? 0) + 1;
  }
  return counts;
}

export function bindBoard(
  doc: Y.Doc,
  awareness: Awareness,
  store: BoardStore,
  audience: Audience = 'board',
): () => void {
  const sourceOf = (): StatsSource =>
    audience === 'view'
      ? {
          audience,
          figures: readFigures(doc),
          roundProgress: readProgress(doc, ROOT_ROUND_PROGRESS),
        }
      : { audience };
  const initial = {
    ...store.getState(),
    meta: translatedMeta(doc),
    control: readControl(doc),
    participants: mergeParticipants({}, readParticipants(doc)),
    placements: readAllPlacements(doc),
    final: Object.fromEntries(readFinal(doc)),
    rounds: readRounds(doc),
    proposals: readProposals(doc),
    baseline: readBaseline(doc),
  };
  const counted = { ...initial, ...withStats(initial, 'all', sourceOf()) };
  store.setState({ ...counted, ...withProgress(counted) });

  const onTransaction = (transaction: Y.Transaction) => {
    if (transaction.changed.size === 0) return;
    const state = store.getState();
    const next: Partial<BoardState> = {};
    let placements = state.placements;
    let recount = false;
    const touchedCards = new Set<string>();
    for (const [type, keys] of transaction.changed) {
      const root = rootNameOf(doc, type);
      if (root === null) continue;
      const kind = rootKind(root);
      switch (kind.kind) {
        case 'meta':
          next.meta = translatedMeta(doc);
          recount = true;
          break;
        case 'control':
          next.control = readControl(doc);
          break;
        case 'participants':
          next.participants = mergeParticipants(state.participants, readParticipants(doc));
          recount = true;
          break;
        case 'final':
          next.final = Object.fromEntries(readFinal(doc));
          break;
        case 'rounds':
          next.rounds = readRounds(doc);
          recount = true;
          break;
        case 'place':
          for (const cardId of keys) {
            if (cardId === null) continue;
            touchedCards.add(cardId);
            placements = withPlacement(
              placements,
              cardId,
              kind.participantId,
              readPlacement(doc, kind.participantId, cardId),
            );
          }
          break;
        case 'figures':
          for (const cardId of keys) if (cardId !== null) touchedCards.add(cardId);
          break;
        case 'baseline':
          next.baseline = readBaseline(doc);
          recount = true;
          break;
        case 'progress': {
          const inRound = readProgress(doc, ROOT_ROUND_PROGRESS);
          if (!sameJson(inRound, state.roundPlaced)) next.roundPlaced = inRound;
          break;
        }
        case 'proposals':
          next.proposals = readProposals(doc);
          break;
        case 'unknown':
          break;
        default:
          unreachable(kind);
      }
    }
    if (placements !== state.placements) next.placements = placements;
    if (recount || touchedCards.size > 0) {
      Object.assign(
        next,
        withStats({ ...state, ...next }, recount ? 'all' : touchedCards, sourceOf()),
      );
    }
    if (Object.keys(next).length === 0) return;
    store.setState({ ...next, ...withProgress({ ...state, ...next }) });
  };

  // Who was here lately: a phone that locks closes its connection, but its person is still in
  // the room. participantId → when they were last seen connected.
  const lastSeen = new Map<string, number>();
  let expiry: ReturnType<typeof setTimeout> | null = null;

  const onAwareness = () => {
    const online = new Set<string>();
    const drags: Record<string, RemoteDrag[]> = {};
    for (const [clientId, raw] of awareness.getStates()) {
      const state = parseAwarenessState(raw);
      if (!state) continue;
      online.add(state.user.participantId);
      if (clientId === awareness.clientID || !state.drag) continue;
      const drag: RemoteDrag = { participantId: state.user.participantId };
      if (state.drag.x !== undefined) drag.x = state.drag.x;
      const list = drags[state.drag.cardId] ?? [];
      list.push(drag);
      drags[state.drag.cardId] = list;
    }
    const previous = store.getState();
    const joinOrder = Object.keys(previous.participants);
    const inJoinOrder = (ids: Iterable<string>) =>
      [...ids].sort((a, b) => joinOrder.indexOf(a) - joinOrder.indexOf(b));
    const onlineList = inJoinOrder(online);
    const now = Date.now();
    // Whoever was connected until this change was seen now, however quiet the room was.
    for (const participantId of previous.online) {
      if (!online.has(participantId)) lastSeen.set(participantId, now);
    }
    for (const participantId of online) lastSeen.set(participantId, now);
    const recently = new Set(online);
    let nextExpiry = Number.POSITIVE_INFINITY;
    for (const [participantId, seen] of lastSeen) {
      if (now - seen >= RECENTLY_HERE_MS) lastSeen.delete(participantId);
      else if (!online.has(participantId)) {
        recently.add(participantId);
        nextExpiry = Math.min(nextExpiry, seen + RECENTLY_HERE_MS);
      }
    }
    if (expiry !== null) clearTimeout(expiry);
    expiry = Number.isFinite(nextExpiry)
      ? setTimeout(onAwareness, Math.max(0, nextExpiry - now) + 50)
      : null;
    const hereList = inJoinOrder(recently);
    const nextDrags: Record<string, readonly RemoteDrag[]> = {};
    for (const [cardId, list] of Object.entries(drags)) {
      const old = previous.drags[cardId];
      nextDrags[cardId] = old && sameJson(old, list) ? old : list;
    }
    const next: Partial<BoardState> = {
      online: sameJson(onlineList, previous.online) ? previous.online : onlineList,
      here: sameJson(hereList, previous.here) ? previous.here : hereList,
      drags: sameJson(nextDrags, previous.drags) ? previous.drags : nextDrags,
    };
    store.setState({ ...next, ...withProgress({ ...previous, ...next }) });
  };

  doc.on('afterTransaction', onTransaction);
  awareness.on('change', onAwareness);
  onAwareness();
  return () => {
    if (expiry !== null) clearTimeout(expiry);
    doc.off('afterTransaction', onTransaction);
    awareness.off('change', onAwareness);
  };
}

/** The board's settings, its rubric with the seed's translations where it is the seed's (a
 * board stored before the rubric carried them holds its English alone). */
function translatedMeta(doc: Y.Doc): BoardMeta | null {
  const meta = readMeta(doc);
  return meta && { ...meta, rubric: withSeedTranslations(meta.rubric) };
}
