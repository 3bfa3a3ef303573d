/**
 * The board's read-model: derived from the Y.Doc and the awareness (by bindBoard.ts), never
 * written by components. Slices keep their identity when unchanged so a component selecting one
 * card re-renders only when that card changes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoredBaseline } from '../../shared/baseline.ts';
import {
  type BoardMeta,
  type Control,
  type FinalPosition,
  INITIAL_CONTROL,
  type Participant,
  type Placement,
  type RoundRecord,
} from '../../shared/boardDoc.ts';
import type { CardStats, ElementOrganisations } from '../../shared/boardStats.ts';
import type { BoardSummary, ElementSummary } from '../../shared/consensus/rollUp.ts';
import type { SinceRollUp } from '../../shared/consensus/sinceBaseline.ts';
import type { Proposal } from '../../shared/proposals.ts';
import type { RoomProgress } from '../../shared/roomProgress.ts';

export type ConnectionStatus = 'connecting' | 'synced' | 'offline' | 'error';

export interface RemoteDrag {
  participantId: string;
  /** Absent while placing is silent. */
  x?: number;
}

export interface BoardState {
  status: ConnectionStatus;
  /** Why the connection ended or a write was refused, for the banner. */
  notice: string | null;
  /** Set when the server ended this screen's access for good: the board deleted, or this
   * person removed (or their link revoked). Screens say so in large type. */
  ended: 'deleted' | 'removed' | null;
  meta: BoardMeta | null;
  control: Control;
  participants: Readonly<Record<string, Participant>>;
  /** cardId → participantId → that participant's placement of the card. */
  placements: Readonly<Record<string, Readonly<Record<string, Placement>>>>;
  final: Readonly<Record<string, FinalPosition>>;
  rounds: readonly RoundRecord[];
  /** Cards the group proposed (facilitators' screens only; the view never carries them). */
  proposals: readonly Proposal[];
  /** cardId → who counts on it now and what that adds up to (recomputed per changed card). */
  stats: Readonly<Record<string, CardStats>>;
  /** elementId → the element's roll-up of its cards' summaries. */
  elements: Readonly<Record<string, ElementSummary>>;
  /** elementId → each partner organisation's position and the perception gap. */
  elementOrganisations: Readonly<Record<string, ElementOrganisations>>;
  board: BoardSummary;
  /** The board's baseline as stored (facilitators only; a view never holds it). */
  baseline: StoredBaseline | null;
  /** Then and now per element and for the board, over the cards with both (else null). */
  since: { elements: Readonly<Record<string, SinceRollUp | null>>; board: SinceRollUp | null };
  /** Participants who count (not the facilitator, observers or removed people): "of 12". */
  countedTotal: number;
  /** participantId → cards of the open round's list placed in this round (absent: none). */
  roundPlaced: Readonly<Record<string, number>>;
  /** Participant ids with at least one open connection (from awareness), in join order. */
  online: readonly string[];
  /** `online`, and those whose last connection closed less than two minutes ago. */
  here: readonly string[];
  /** The room in counts: here, finished, placing, and who has not finished (roomProgress.ts). */
  progress: RoomProgress;
  /** cardId → others dragging that card right now. */
  drags: Readonly<Record<string, readonly RemoteDrag[]>>;
  /** Local UI state, never shared. */
  ui: UiState;
}

export interface UiState {
  /** The facilitator looks at the distributions during a silent round (the room does not). */
  peek: boolean;
  /** The card picked in "discuss next", highlighted on this screen. */
  highlightedCardId: string | null;
  /** The proxy participant the facilitator is placing for, or null. */
  actingFor: string | null;
  /** Whether this screen scrolls to the card the facilitator focuses. */
  following: boolean;
  /** Tracks (one per card) or the wall (each element as one shared axis). */
  view: 'tracks' | 'wall';
  /**
   * Discuss next by agreement, by the largest perception gap between organisations, or by the
   * largest change since the baseline (the last retreat).
   */
  discussOrder: 'agreement' | 'gap' | 'change';
  /** Play a gentle sound when the timer ends. */
  sound: boolean;
  /** The facilitator replays the day's figures instead of the live board (this screen only). */
  replay: boolean;
}

export type BoardStore = StoreApi<BoardState>;

export function createBoardStore(): BoardStore {
  return createStore<BoardState>(() => ({
    status: 'connecting',
    notice: null,
    ended: null,
    meta: null,
    control: INITIAL_CONTROL,
    participants: {},
    placements: {},
    final: {},
    rounds: [],
    proposals: [],
    stats: {},
    elements: {},
    elementOrganisations: {},
    board: { position: null, rwg: null },
    baseline: null,
    since: { elements: {}, board: null },
    countedTotal: 0,
    roundPlaced: {},
    online: [],
    here: [],
    progress: { total: 0, roundSize: 0, here: 0, finished: 0, placing: 0, notFinished: [] },
    drags: {},
    ui: {
      peek: false,
      highlightedCardId: null,
      actingFor: null,
      following: true,
      view: 'tracks',
      discussOrder: 'agreement',
      sound: false,
      replay: false,
    },
  }));
}

export function setUi(store: BoardStore, patch: Partial<UiState>): void {
  store.setState((state) => ({ ui: { ...state.ui, ...patch } }));
}
