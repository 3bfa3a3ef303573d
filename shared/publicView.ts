/**
 * The board's view: what participants and observers receive instead of the whole board
 * (schema version 2, docs/design.md). The server builds it from the board with these functions
 * and keeps it in a document of its own (server/rooms/publicView.ts); clients read it with
 * `readFigures` and `readProgress`. Pure: a Y.Doc in, plain values out.
 *
 * What it holds follows the screens' own rules (visibility.ts), so nothing a screen hides ever
 * reaches a browser:
 * - while the group is hidden (setup, placing), a card says only how many have placed it;
 * - once revealed, a card with at least three placements carries its positions as one sorted
 *   list with no identifier (one pseudonym would link a person's positions across cards), its
 *   reasons as a sorted list while reasons are shown, and the organisations' and the previous
 *   round's group figures, and the baseline's (the last retreat's) figures of its matched card;
 *   with "show names" on (everyone is told), who placed each position;
 * - closed rounds keep their figures, not who stood where, and no figure of fewer than three.
 */
import type * as Y from 'yjs';
import type { BaselineCard } from './baseline.ts';
import { matchedBaselineCards } from './baselineMatching.ts';
import {
  type Control,
  type FinalPosition,
  metaMap,
  type Participant,
  type Phase,
  type Placement,
  placementOwners,
  ROOT_FIGURES,
  ROOT_PROGRESS,
  type ROOT_ROUND_PROGRESS,
  type RoundRecord,
  readBaseline,
  readControl,
  readFinal,
  readMeta,
  readParticipants,
  readPlacement,
  readPlacements,
  readRounds,
  SCHEMA_VERSION,
} from './boardDoc.ts';
import type { RoundComparison } from './consensus/roundComparison.ts';
import type { BaselineFigures } from './consensus/sinceBaseline.ts';
import { countedPlacements, isCounted } from './countedPlacements.ts';
import { type OrganisationPosition, organisationPositions } from './perceptionGap.ts';
import { cardRound, compareWithPreviousRound, isInOpenRound } from './rounds.ts';
import { type Rubric, rubricCards } from './rubric.ts';
import { distributionVisible, MIN_PLACEMENTS_FOR_DOTS, reasonsVisible } from './visibility.ts';

/** One position of a revealed card; `participantId` only while names are shown. */
export interface ViewDot {
  x: number;
  participantId?: string;
}

/** What one card's group adds up to, as far as the phase shows it. */
export interface CardFigures {
  /** The card's current round. */
  round: number;
  /** How many counted participants have placed it in that round. */
  placed: number;
  /** Revealed and at least three placements: the positions, ascending. */
  dots?: ViewDot[];
  /** Revealed, reasons shown, at least three placements: the reasons, sorted. */
  reasons?: string[];
  /** Revealed, at least three placements: each partner organisation's figure. */
  organisations?: OrganisationPosition[];
  /** Revealed, at least three placements now and in the previous round: the change. */
  change?: RoundComparison;
  /** Revealed, at least three placements, a baseline card matched: where the group stood then. */
  baseline?: BaselineFigures;
}

/** The board's placements of one card, by participant. */
function placementsOf(doc: Y.Doc, owners: readonly string[], cardId: string) {
  const byParticipant: Record<string, Placement> = {};
  for (const participantId of owners) {
    const placement = readPlacement(doc, participantId, cardId);
    if (placement) byParticipant[participantId] = placement;
  }
  return byParticipant;
}

/** What the figures of every card are computed from, read once per refresh. */
export interface ViewSource {
  doc: Y.Doc;
  control: Control;
  participants: Record<string, Participant>;
  rounds: RoundRecord[];
  organisations: string[];
  owners: string[];
  cardIds: string[];
  /** Board card id → its matched baseline card (empty without a baseline). */
  baseline: ReadonlyMap<string, BaselineCard>;
}

/**
 * `known` overrides what would be read from the board: the people as the view counts them
 * (viewParticipants) and the closed rounds (parsed once per change of them, not per refresh).
 */
export function viewSource(
  doc: Y.Doc,
  known: {
    participants?: Record<string, Participant>;
    rounds?: RoundRecord[];
    baseline?: ReadonlyMap<string, BaselineCard>;
  } = {},
): ViewSource {
  const meta = readMeta(doc);
  return {
    doc,
    control: readControl(doc),
    participants: known.participants ?? Object.fromEntries(readParticipants(doc)),
    rounds: known.rounds ?? readRounds(doc),
    organisations: meta?.organisations ?? [],
    owners: placementOwners(doc),
    cardIds: meta ? rubricCards(meta.rubric).map((card) => card.id) : [],
    baseline: known.baseline ?? viewBaseline(doc),
  };
}

/** Board card id → its matched baseline card: what the view may show of the baseline. */
export function viewBaseline(doc: Y.Doc): Map<string, BaselineCard> {
  const meta = readMeta(doc);
  const baseline = readBaseline(doc);
  return meta && baseline ? matchedBaselineCards(meta.rubric, baseline) : new Map();
}

/**
 * The people as the view counts them. While the group is shown, a removal does not reach the
 * view (its flag keeps the value the view had): the figures would drop the person's positions
 * and reasons, and comparing before and after would show everyone where they stood. It takes
 * effect once the group is hidden again (a new round), where only counts are shown.
 */
export function viewParticipants(
  board: ReadonlyMap<string, Participant>,
  inView: ReadonlyMap<string, Participant>,
  phase: Phase,
): Record<string, Participant> {
  const shown = distributionVisible(phase, 'participant', false);
  const people: Record<string, Participant> = {};
  for (const [participantId, participant] of board) {
    const before = inView.get(participantId);
    if (shown && participant.removed === true && before !== undefined && !before.removed) {
      people[participantId] = before;
    } else {
      people[participantId] = participant;
    }
  }
  return people;
}

/** Plain JSON without `undefined`, as it will read back from the document. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * `previousRoundShown`: whether the view showed the group of the card's previous round (its
 * record in the view kept the figures, viewRounds); a round never revealed stays unseen.
 */
export function cardFigures(
  source: ViewSource,
  cardId: string,
  previousRoundShown: (cardId: string) => boolean = () => false,
): CardFigures {
  const { doc, control, participants, rounds, organisations, owners } = source;
  const round = cardRound(cardId, rounds);
  const placed = countedPlacements(placementsOf(doc, owners, cardId), participants, round);
  const figures: CardFigures = { round, placed: placed.length };
  const shown =
    distributionVisible(control.phase, 'participant', false) &&
    placed.length >= MIN_PLACEMENTS_FOR_DOTS;
  if (!shown) return figures;
  figures.dots = placed
    .map(
      ({ participantId, placement }): ViewDot =>
        control.showNames ? { x: placement.x, participantId } : { x: placement.x },
    )
    .sort((a, b) => a.x - b.x || compareText(a.participantId ?? '', b.participantId ?? ''));
  if (reasonsVisible(control.phase)) {
    figures.reasons = placed
      .map((entry) => entry.placement.reason)
      .filter((reason): reason is string => reason !== undefined)
      .sort(compareText);
  }
  figures.organisations = organisationPositions(placed, participants, organisations).map(
    (position) => {
      // Fewer than three beside an organisation's figure: the dots and that figure would
      // narrow down where those few stand.
      const others = placed.length - position.n;
      return others > 0 && others < MIN_PLACEMENTS_FOR_DOTS
        ? { ...position, median: null }
        : position;
    },
  );
  const change = compareWithPreviousRound(cardId, placed, participants, rounds);
  if (change && change.before.n >= MIN_PLACEMENTS_FOR_DOTS && previousRoundShown(cardId)) {
    figures.change = change;
  }
  const then = source.baseline.get(cardId);
  // The earlier group's figures only from three placements there too (an imported file could
  // claim fewer); the position it agreed on is the group's, whatever its count.
  if (then) {
    const enough = then.n >= MIN_PLACEMENTS_FOR_DOTS;
    figures.baseline = {
      median: enough ? then.median : null,
      rwg: enough ? then.rwg : null,
      agreed: then.agreed,
    };
  }
  return plain(figures);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * participantId → cards they have placed in the cards' current rounds (counted people only, and
 * only those of `people` when given).
 */
export function viewProgress(
  source: ViewSource,
  people: Iterable<string> = source.owners,
): Record<string, number> {
  return placedInCurrentRounds(source, people, () => true);
}

/** `meta` as the view carries it: the board's, under this schema's version. */
export function viewMeta(doc: Y.Doc): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...metaMap(doc).toJSON(), schemaVersion: SCHEMA_VERSION };
  if (isRubricLike(meta.rubric)) meta.rubric = rubricOnScreen(meta.rubric);
  return meta;
}

function isRubricLike(value: unknown): value is Rubric {
  return typeof value === 'object' && value !== null && Array.isArray((value as Rubric).elements);
}

/**
 * The rubric as screens show it: no card's earlier words, no retired card, no removed ids. They
 * were taken off the board, sometimes for what they said; only facilitators and exports keep them.
 */
function rubricOnScreen(rubric: Rubric): Rubric {
  const { retired: _retired, formerIds: _formerIds, ...rest } = rubric;
  return {
    ...rest,
    elements: rubric.elements.map((element) => ({
      ...element,
      cards: element.cards.map(({ history: _history, ...card }) => card),
    })),
  };
}

/**
 * A closed round as the view keeps it: no positions, and a card's frozen figures only when the
 * view was showing that card's group when the round closed (`shownWhenClosed`) and it had at
 * least three; otherwise only how many had placed it. A round closed before its reveal would
 * otherwise give away its quartiles, which for three people are their positions.
 */
export function viewRound(
  record: RoundRecord,
  shownWhenClosed: (cardId: string) => boolean,
): RoundRecord {
  const summaries: Record<string, unknown> = {};
  for (const [cardId, summary] of Object.entries(record.summaries)) {
    const n = Number((summary as { n?: unknown }).n) || 0;
    const shown = n >= MIN_PLACEMENTS_FOR_DOTS && shownWhenClosed(cardId);
    summaries[cardId] = shown ? summary : { n };
  }
  return plain({ ...record, positions: {}, summaries });
}

/** Whether a view's closed round kept a card's figures (more than its count). */
export function roundKeptFigures(record: RoundRecord, cardId: string): boolean {
  const summary = record.summaries[cardId];
  return isRecord(summary) && Object.keys(summary).some((key) => key !== 'n');
}

export function viewFinal(doc: Y.Doc): Record<string, FinalPosition> {
  return Object.fromEntries(readFinal(doc));
}

// ---------------------------------------------------------------------------------------------
// Reading a view (clients). Lenient, like every reader: skip what is malformed.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseCardFigures(value: unknown): CardFigures | null {
  if (!isRecord(value)) return null;
  const { round, placed, dots, reasons, organisations, change, baseline } = value;
  if (typeof round !== 'number' || typeof placed !== 'number') return null;
  const figures: CardFigures = { round, placed };
  if (Array.isArray(dots)) {
    figures.dots = dots.filter((dot): dot is ViewDot => isRecord(dot) && typeof dot.x === 'number');
  }
  if (Array.isArray(reasons)) {
    figures.reasons = reasons.filter((reason): reason is string => typeof reason === 'string');
  }
  if (Array.isArray(organisations)) {
    figures.organisations = organisations.filter(
      (entry): entry is OrganisationPosition =>
        isRecord(entry) && typeof entry.organisation === 'string' && typeof entry.n === 'number',
    );
  }
  if (isRecord(change) && isRecord(change.before) && isRecord(change.after)) {
    figures.change = change as unknown as RoundComparison;
  }
  if (isRecord(baseline)) {
    const figure = (value: unknown) => (typeof value === 'number' ? value : null);
    figures.baseline = {
      median: figure(baseline.median),
      rwg: figure(baseline.rwg),
      agreed: figure(baseline.agreed),
    };
  }
  return figures;
}

/**
 * participantId → how many cards of the open round's list (`control.roundCardIds`, or every
 * card) they have placed in this round: who has finished the round, even in a round on one
 * element, where `viewProgress` also counts the other elements' earlier placements.
 */
export function viewRoundProgress(
  source: ViewSource,
  people: Iterable<string> = source.owners,
): Record<string, number> {
  return placedInCurrentRounds(
    source,
    people,
    (cardId) => isInOpenRound(cardId, source.control) && source.cardIds.includes(cardId),
  );
}

/** Counted people → how many of the `included` cards they placed in the cards' current rounds. */
function placedInCurrentRounds(
  source: ViewSource,
  people: Iterable<string>,
  included: (cardId: string) => boolean,
): Record<string, number> {
  const progress: Record<string, number> = {};
  for (const participantId of people) {
    if (!isCounted(source.participants[participantId])) continue;
    let count = 0;
    for (const [cardId, placement] of readPlacements(source.doc, participantId)) {
      if (included(cardId) && placement.round === cardRound(cardId, source.rounds)) count += 1;
    }
    if (count > 0) progress[participantId] = count;
  }
  return progress;
}

/** cardId → the figures a view carries for it (empty in a whole board). */
export function readFigures(doc: Y.Doc): Map<string, CardFigures> {
  const result = new Map<string, CardFigures>();
  doc.getMap(ROOT_FIGURES).forEach((value, cardId) => {
    const figures = parseCardFigures(value);
    if (figures) result.set(cardId, figures);
  });
  return result;
}

/** participantId → cards placed (or, of `roundProgress`, of the open round), as a view carries it. */
export function readProgress(
  doc: Y.Doc,
  root: typeof ROOT_PROGRESS | typeof ROOT_ROUND_PROGRESS = ROOT_PROGRESS,
): Record<string, number> {
  const progress: Record<string, number> = {};
  doc.getMap(root).forEach((value, participantId) => {
    if (typeof value === 'number' && value > 0) progress[participantId] = value;
  });
  return progress;
}
