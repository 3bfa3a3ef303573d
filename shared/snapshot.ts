/**
 * The board snapshot, version 1: the source of truth of an export and what a board is restored
 * from (README "Snapshot format"). `buildSnapshot` works on plain data, so the client builds one
 * from its read-model and the server from the document (`snapshotFromDoc`); `snapshotSchema`
 * checks a file before it becomes a board. Pure.
 *
 * Participants are the people who place cards (role `participant`, proxies and removed people
 * included), in join order; facilitators and observers place nothing and are left out. An
 * anonymised snapshot calls them "Participant 1", "Participant 2", … in that order, with ids
 * `p1`, `p2`, …, so no name or board-side id links back to a person.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { describeValidationError } from './api.ts';
import {
  type BoardMeta,
  type Control,
  type FinalPosition,
  MAX_REASON_LENGTH,
  type Participant,
  PHASES,
  type Phase,
  type Placement,
  placementOwners,
  type RoundRecord,
  readControl,
  readFinal,
  readMeta,
  readParticipants,
  readPlacements,
  readRounds,
} from './boardDoc.ts';
import { cardStats, elementSummaries, isCounted } from './boardStats.ts';
import { type CardSummary, summarizeCard } from './consensus/cardSummary.ts';
import { discussionOrder } from './consensus/discussionOrder.ts';
import { type BoardSummary, type ElementSummary, rollUpBoard } from './consensus/rollUp.ts';
import type { RoundComparison } from './consensus/roundComparison.ts';
import { ELEMENTS_OF_PARTNERSHIP, type Rubric, rubricCards } from './rubric.ts';

export const SNAPSHOT_VERSION = 1;

export interface SnapshotParticipant {
  /** The participant id on the board, or `p<N>` when anonymised. */
  id: string;
  /** The display name, or "Participant N" when anonymised. */
  name: string;
  organisation?: string;
  color: string;
  joinedAt: string;
  proxy: boolean;
  removed: boolean;
}

export interface SnapshotPlacement {
  participantId: string;
  cardId: string;
  /** The card's round: 1 plus the closed rounds of that card before it. */
  round: number;
  /** 0 = Vendor/Contractor, 1 = High Performance Partnership. */
  position: number;
  reason?: string;
  /** Absent when unknown: a closed round keeps positions, not times, once a card moves again. */
  placedAt?: string;
}

/** A card's consensus figures, with its outliers named by participant id rather than index. */
export type SnapshotCardSummary = Omit<CardSummary, 'outliers'> & { outliers: string[] };

/** How a card moved since its previous round (that round's summary is in `rounds`). */
export type SnapshotRoundChange = Omit<RoundComparison, 'before' | 'after'>;

export interface SnapshotRound {
  /** The session's round number when it closed. */
  round: number;
  cardIds: string[];
  closedAt: string;
  /** cardId → its figures in this round, over the people who count now. */
  summaries: Record<string, SnapshotCardSummary>;
}

export interface SnapshotFinal {
  cardId: string;
  position: number;
  note: string;
}

export interface SnapshotCardStats {
  cardId: string;
  elementId: string;
  /** The card's current round. */
  round: number;
  summary: SnapshotCardSummary;
  change: SnapshotRoundChange | null;
}

export interface SnapshotSummaries {
  /** In rubric order. */
  cards: SnapshotCardStats[];
  elements: { elementId: string; summary: ElementSummary }[];
  board: BoardSummary;
  /** Card ids, the most divided first (consensus.ts `discussionOrder`). */
  discussionOrder: string[];
}

export interface Snapshot {
  snapshotVersion: typeof SNAPSHOT_VERSION;
  exportedAt: string;
  anonymous: boolean;
  board: { id: string; title: string; createdAt: string; organisations: string[] };
  rubric: Rubric;
  session: { phase: Phase; round: number; roundCardIds: string[] | null };
  participants: SnapshotParticipant[];
  placements: SnapshotPlacement[];
  rounds: SnapshotRound[];
  final: SnapshotFinal[];
  /** Derived from the rest (consensus.ts); ignored on import. */
  summaries: SnapshotSummaries;
}

/** What a snapshot is made of: the board's data as the document's readers return it. */
export interface SnapshotSource {
  boardId: string;
  meta: BoardMeta;
  control: Control;
  participants: Readonly<Record<string, Participant>>;
  /** cardId → participantId → placement, the shape of the client's read-model. */
  placements: Readonly<Record<string, Readonly<Record<string, Placement>>>>;
  final: Readonly<Record<string, FinalPosition>>;
  rounds: readonly RoundRecord[];
  /** Epoch ms. */
  exportedAt: number;
  anonymous: boolean;
}

export function buildSnapshot(source: SnapshotSource): Snapshot {
  const { meta, rounds } = source;
  const people = joinOrder(source.participants);
  const exportIds = new Map(
    people.map(([id], index) => [id, source.anonymous ? `p${index + 1}` : id]),
  );
  const order = new Map(people.map(([id], index) => [id, index]));
  const cards = rubricCards(meta.rubric);
  const known = new Set(cards.map((card) => card.id));
  const createdAt = isoTime(meta.createdAt) ?? new Date(0).toISOString();

  const computed = cards.map((card) => ({
    card,
    stats: cardStats(card.id, source.placements[card.id], source.participants, rounds),
  }));
  const stats = computed.map(({ card, stats: { round, placed, summary, change } }) => {
    const outlierIds = summary.outliers.flatMap((index) => placed[index]?.participantId ?? []);
    return {
      cardId: card.id,
      elementId: card.elementId,
      round,
      summary: withNamedOutliers(summary, outlierIds, exportIds, order),
      change: change && withoutSummaries(change),
    };
  });
  const summaryOf = new Map(computed.map(({ card, stats }) => [card.id, stats.summary]));
  const elements = elementSummaries(meta.rubric, (cardId) => summaryOf.get(cardId));

  return {
    snapshotVersion: SNAPSHOT_VERSION,
    exportedAt: isoTime(source.exportedAt) ?? createdAt,
    anonymous: source.anonymous,
    board: {
      id: source.boardId,
      title: meta.title,
      createdAt,
      organisations: [...meta.organisations],
    },
    rubric: meta.rubric,
    session: {
      phase: source.control.phase,
      round: source.control.round,
      roundCardIds: source.control.roundCardIds?.filter((id) => known.has(id)) ?? null,
    },
    participants: people.map(([id, participant], index) => ({
      id: exportIds.get(id) ?? id,
      name: source.anonymous ? `Participant ${index + 1}` : participant.name,
      ...(participant.organisation === undefined ? {} : { organisation: participant.organisation }),
      color: participant.color,
      joinedAt: isoTime(participant.joinedAt) ?? createdAt,
      proxy: participant.proxy === true,
      removed: participant.removed === true,
    })),
    placements: collectPlacements(source, cards, exportIds, order),
    rounds: rounds.map((record) => ({
      round: record.round,
      cardIds: record.cardIds.filter((id) => known.has(id)),
      closedAt: isoTime(record.closedAt) ?? createdAt,
      summaries: roundSummaries(record, known, people, exportIds, order),
    })),
    final: cards.flatMap((card) => {
      const position = source.final[card.id];
      return position ? [{ cardId: card.id, position: position.x, note: position.note }] : [];
    }),
    summaries: {
      cards: stats,
      elements: Object.entries(elements).map(([elementId, summary]) => ({ elementId, summary })),
      board: rollUpBoard(Object.values(elements)),
      discussionOrder: discussionOrder(stats),
    },
  };
}

/** The snapshot of a board document, or null when its meta is unreadable. */
export function snapshotFromDoc(
  doc: Y.Doc,
  boardId: string,
  options: { exportedAt: number; anonymous: boolean },
): Snapshot | null {
  const meta = readMeta(doc);
  if (meta === null) return null;
  // Only rubric cards: the keys of `place:` maps are written by clients.
  const known = new Set(rubricCards(meta.rubric).map((card) => card.id));
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
    ...options,
  });
}

/** The people who place cards, in join order (ties by id, so the order never wobbles). */
function joinOrder(participants: Readonly<Record<string, Participant>>): [string, Participant][] {
  return Object.entries(participants)
    .filter(([, participant]) => participant.role === 'participant')
    .sort(([a, pa], [b, pb]) => pa.joinedAt - pb.joinedAt || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Every placement of every round: closed rounds from the frozen records, the open one (and
 * anything a record lacks, such as a removed person's position) from the `place:` maps, which
 * also give a closed round's position its time and reason while they still hold it.
 */
function collectPlacements(
  source: SnapshotSource,
  cards: readonly { id: string }[],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): SnapshotPlacement[] {
  const result: SnapshotPlacement[] = [];
  for (const { id: cardId } of cards) {
    const live = source.placements[cardId] ?? {};
    const found = new Map<string, { participantId: string; placement: Placement }>();
    let cardRound = 1;
    for (const record of source.rounds) {
      if (!record.cardIds.includes(cardId)) continue;
      for (const [participantId, byCard] of Object.entries(record.positions)) {
        const x = byCard[cardId];
        if (x === undefined || !exportIds.has(participantId)) continue;
        const current = live[participantId];
        const placement =
          current?.round === cardRound && current.x === x
            ? current
            : { x, round: cardRound, at: Number.NaN };
        found.set(`${cardRound} ${participantId}`, { participantId, placement });
      }
      cardRound += 1;
    }
    for (const [participantId, placement] of Object.entries(live)) {
      const key = `${placement.round} ${participantId}`;
      const valid = Number.isInteger(placement.round) && placement.round <= cardRound;
      if (!valid || !exportIds.has(participantId) || found.has(key)) continue;
      found.set(key, { participantId, placement });
    }
    const sorted = [...found.values()].sort(
      (a, b) =>
        a.placement.round - b.placement.round ||
        (order.get(a.participantId) ?? 0) - (order.get(b.participantId) ?? 0),
    );
    for (const { participantId, placement } of sorted) {
      const placedAt = isoTime(placement.at);
      result.push({
        participantId: exportIds.get(participantId) ?? participantId,
        cardId,
        round: placement.round,
        position: placement.x,
        ...(placement.reason === undefined ? {} : { reason: placement.reason }),
        ...(placedAt === null ? {} : { placedAt }),
      });
    }
  }
  return result;
}

/** A closed round's figures per card, over the people who count now (removed people do not). */
function roundSummaries(
  record: RoundRecord,
  known: ReadonlySet<string>,
  people: readonly [string, Participant][],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): Record<string, SnapshotCardSummary> {
  const summaries: Record<string, SnapshotCardSummary> = {};
  for (const cardId of record.cardIds) {
    if (!known.has(cardId)) continue;
    const placed = people.flatMap(([id, participant]) => {
      const x = record.positions[id]?.[cardId];
      return x !== undefined && isCounted(participant) ? [{ id, x }] : [];
    });
    const summary = summarizeCard(placed.map((entry) => entry.x));
    const outlierIds = summary.outliers.flatMap((index) => placed[index]?.id ?? []);
    summaries[cardId] = withNamedOutliers(summary, outlierIds, exportIds, order);
  }
  return summaries;
}

/** Outliers by (exported) participant id in join order: indexes would depend on id order. */
function withNamedOutliers(
  summary: CardSummary,
  outlierIds: readonly string[],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): SnapshotCardSummary {
  const outliers = [...outlierIds]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map((id) => exportIds.get(id) ?? id);
  return { ...summary, outliers };
}

function withoutSummaries(change: RoundComparison): SnapshotRoundChange {
  const { before: _before, after: _after, ...rest } = change;
  return rest;
}

/** Latest time `Date` prints as a plain four-digit-year ISO 8601 string (9999-12-31). */
const MAX_ISO_TIME = 253_402_300_799_999;

/** ISO 8601 UTC, or null for no time (NaN) or one outside years 1970–9999. */
function isoTime(ms: number): string | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_ISO_TIME ? new Date(ms).toISOString() : null;
}

// ---------------------------------------------------------------------------------------------
// Reading a snapshot file: its shape (zod), then what refers to what.

/** The rubric every board of this server uses: a snapshot's card ids must be exactly these. */
const BOARD_RUBRIC = ELEMENTS_OF_PARTNERSHIP;

const MAX_NOTE_LENGTH = 4000;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const time = z.iso.datetime({
  error: 'must be an ISO 8601 UTC time like 2025-05-01T09:30:00.000Z',
});
const position = z.number().min(0).max(1);
const round = z.int().min(1).max(100_000);

const rubricSchema = z.strictObject({
  id,
  title: text(300),
  elements: z
    .array(
      z.strictObject({
        id,
        name: text(200),
        cards: z
          .array(
            z.strictObject({
              id,
              text: text(1000),
              column: z.enum(['vendor', 'partnership']),
            }),
          )
          .min(1)
          .max(200),
      }),
    )
    .min(1)
    .max(50),
});

const snapshotShape = z.strictObject({
  snapshotVersion: z.literal(SNAPSHOT_VERSION, {
    error: `must be ${SNAPSHOT_VERSION}: this server reads snapshot version ${SNAPSHOT_VERSION}`,
  }),
  exportedAt: time,
  anonymous: z.boolean(),
  board: z.strictObject({
    id: z.string().max(64),
    title: text(200),
    createdAt: time,
    organisations: z.array(text(80)).max(20),
  }),
  rubric: rubricSchema,
  session: z.strictObject({
    phase: z.enum(PHASES),
    round,
    roundCardIds: z.array(id).max(1000).nullable(),
  }),
  participants: z
    .array(
      z.strictObject({
        id,
        name: text(60),
        organisation: text(80).optional(),
        color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'must be a colour like #0072B2'),
        joinedAt: time,
        proxy: z.boolean(),
        removed: z.boolean(),
      }),
    )
    .max(2000),
  placements: z.array(
    z.strictObject({
      participantId: id,
      cardId: id,
      round,
      position,
      reason: z.string().min(1).max(MAX_REASON_LENGTH).optional(),
      placedAt: time.optional(),
    }),
  ),
  rounds: z
    .array(
      z.strictObject({
        round,
        cardIds: z.array(id).max(1000),
        closedAt: time,
        summaries: z.unknown().optional(),
      }),
    )
    .max(1000),
  final: z.array(z.strictObject({ cardId: id, position, note: z.string().max(MAX_NOTE_LENGTH) })),
  summaries: z.unknown().optional(),
});

type SnapshotShape = z.output<typeof snapshotShape>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** A snapshot file: the schema of its fields and the checks of what refers to what. */
export const snapshotSchema = snapshotShape.superRefine((snapshot, ctx) =>
  checkReferences(snapshot, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);

/** A snapshot as read from a file: derived parts (`summaries`) are optional and unchecked. */
export type ParsedSnapshot = z.output<typeof snapshotSchema>;

export type SnapshotParseResult =
  | { ok: true; snapshot: ParsedSnapshot }
  | { ok: false; error: string };

/** Checks a snapshot file (already JSON-parsed); the error names the first bad field. */
export function parseSnapshot(value: unknown): SnapshotParseResult {
  const result = snapshotSchema.safeParse(value);
  return result.success
    ? { ok: true, snapshot: result.data }
    : { ok: false, error: describeValidationError(result.error) };
}

function checkReferences(snapshot: SnapshotShape, report: Report): void {
  checkRubric(snapshot.rubric, report);
  const cardIds = new Set(rubricCards(snapshot.rubric).map((card) => card.id));
  const checkCards = (list: readonly string[], path: Path) => {
    const seen = new Set<string>();
    list.forEach((cardId, index) => {
      if (!cardIds.has(cardId)) report([...path, index], `"${cardId}" is not a card of the rubric`);
      else if (seen.has(cardId)) report([...path, index], `"${cardId}" is listed twice`);
      seen.add(cardId);
    });
  };

  const organisations = new Set(snapshot.board.organisations);
  if (organisations.size !== snapshot.board.organisations.length) {
    report(['board', 'organisations'], 'organisations must be unique');
  }
  const people = new Set<string>();
  snapshot.participants.forEach((participant, index) => {
    if (people.has(participant.id)) {
      report(['participants', index, 'id'], `"${participant.id}" is listed twice`);
    }
    people.add(participant.id);
    const { organisation } = participant;
    if (organisation !== undefined && !organisations.has(organisation)) {
      report(
        ['participants', index, 'organisation'],
        `"${organisation}" is not one of the board's organisations`,
      );
    }
  });

  let previousRound = 0;
  const closedRounds = new Map<string, number>();
  snapshot.rounds.forEach((record, index) => {
    if (record.round <= previousRound) {
      report(['rounds', index, 'round'], 'rounds must be listed in increasing order');
    } else if (record.round >= snapshot.session.round) {
      report(['rounds', index, 'round'], `must be below session.round (${snapshot.session.round})`);
    }
    previousRound = record.round;
    checkCards(record.cardIds, ['rounds', index, 'cardIds']);
    for (const cardId of record.cardIds) {
      closedRounds.set(cardId, (closedRounds.get(cardId) ?? 0) + 1);
    }
  });
  if (snapshot.session.roundCardIds) {
    checkCards(snapshot.session.roundCardIds, ['session', 'roundCardIds']);
  }

  const placed = new Set<string>();
  snapshot.placements.forEach((placement, index) => {
    const path = ['placements', index];
    const { participantId, cardId } = placement;
    if (!people.has(participantId)) {
      report([...path, 'participantId'], `"${participantId}" is not one of the participants`);
      return;
    }
    if (!cardIds.has(cardId)) {
      report([...path, 'cardId'], `"${cardId}" is not a card of the rubric`);
      return;
    }
    const openRound = (closedRounds.get(cardId) ?? 0) + 1;
    const key = `${participantId} ${cardId} ${placement.round}`;
    if (placement.round > openRound) {
      report([...path, 'round'], `card "${cardId}" has only reached round ${openRound}`);
    } else if (placed.has(key)) {
      report(path, `a second placement of "${cardId}" by "${participantId}" in one round`);
    } else if (placement.round === openRound && placement.placedAt === undefined) {
      report([...path, 'placedAt'], "is required for a placement in the card's open round");
    }
    placed.add(key);
  });

  const finals = new Set<string>();
  snapshot.final.forEach(({ cardId }, index) => {
    if (!cardIds.has(cardId)) report(['final', index, 'cardId'], `"${cardId}" is not a card`);
    else if (finals.has(cardId)) report(['final', index, 'cardId'], `"${cardId}" is listed twice`);
    finals.add(cardId);
  });
}

/** Texts and names may differ (edited wording); ids, elements and columns may not. */
function checkRubric(rubric: Rubric, report: Report): void {
  if (rubric.id !== BOARD_RUBRIC.id) {
    report(['rubric', 'id'], `must be "${BOARD_RUBRIC.id}", the rubric of this server's boards`);
    return;
  }
  const expected = new Map(rubricCards(BOARD_RUBRIC).map((card) => [card.id, card]));
  const elements = new Set<string>();
  const seen = new Set<string>();
  rubric.elements.forEach((element, e) => {
    if (elements.has(element.id)) report(['rubric', 'elements', e, 'id'], 'is listed twice');
    elements.add(element.id);
    element.cards.forEach((card, c) => {
      const path = ['rubric', 'elements', e, 'cards', c];
      const known = expected.get(card.id);
      if (!known) report([...path, 'id'], `"${card.id}" is not a card of this server's rubric`);
      else if (seen.has(card.id)) report([...path, 'id'], `"${card.id}" is listed twice`);
      else if (known.elementId !== element.id) {
        report([...path, 'id'], `"${card.id}" belongs to element "${known.elementId}"`);
      } else if (known.column !== card.column) {
        report([...path, 'column'], `"${card.id}" is a ${known.column} card`);
      }
      seen.add(card.id);
    });
  });
  const missing = [...expected.keys()].filter((cardId) => !seen.has(cardId));
  if (missing.length > 0) {
    report(['rubric', 'elements'], `card "${missing[0]}" is missing (${missing.length} in all)`);
  }
}
