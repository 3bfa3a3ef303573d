/**
 * The board document, schema version 2. This module is the only place that knows the Y.Doc's
 * root names and value shapes: everything else reads and writes through the typed helpers here
 * and tells roots apart by `rootKind`. Readers validate what they find and skip malformed
 * entries, because any client could have written them.
 *
 * Version 2 is about who gets what (docs/design.md): facilitators get the whole board;
 * participants and observers get the board's *view*, which the server builds (publicView.ts):
 * `meta`, `participants`, `control` and `final` as they are, `rounds` with figures only, their
 * own `place:` root, and two roots of the view alone, `figures` (what each card's group adds up
 * to, as the phase allows) and `progress` (how many cards each person has placed).
 */
import type * as Y from 'yjs';
import { parseStoredBaseline, type StoredBaseline } from './baseline.ts';
import { isLocale, LOCALES, type Locale } from './i18n/locales.ts';
import { ROOT_PROPOSALS } from './proposals.ts';
import type { Rubric } from './rubric.ts';
import { unreachable } from './unreachable.ts';

export const SCHEMA_VERSION = 2;

export const ROOT_META = 'meta';
export const ROOT_PARTICIPANTS = 'participants';
export const ROOT_CONTROL = 'control';
export const ROOT_FINAL = 'final';
export const ROOT_ROUNDS = 'rounds';
/** View only: cardId → CardFigures. */
export const ROOT_FIGURES = 'figures';
/** View only: participantId → cards placed in their current rounds. */
export const ROOT_PROGRESS = 'progress';
/** View only: participantId → cards of the open round's list placed in this round. */
export const ROOT_ROUND_PROGRESS = 'roundProgress';
/** Server-written, facilitators only: the baseline (shared/baseline.ts), under key `baseline`. */
export const ROOT_BASELINE = 'baseline';
export const PLACE_PREFIX = 'place:';

export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const PHASES = ['setup', 'placing', 'revealed', 'discussing', 'final'] as const;
export type Phase = (typeof PHASES)[number];

/** Typed transaction origins, so observers can tell who caused a change. */
export type TransactionOrigin = 'local' | 'remote' | 'persistence' | 'server';

export interface BoardMeta {
  schemaVersion: number;
  title: string;
  createdAt: number;
  organisations: string[];
  rubric: Rubric;
}

export interface Participant {
  name: string;
  role: Role;
  organisation?: string;
  color: string;
  joinedAt: number;
  proxy?: boolean;
  removed?: boolean;
}

export interface Placement {
  /** 0 = Vendor/Contractor, 1 = High Performance Partnership. */
  x: number;
  round: number;
  at: number;
  reason?: string;
}

export interface Timer {
  endsAt: number | null;
  durationMs: number;
  pausedRemainingMs: number | null;
}

export interface Control {
  phase: Phase;
  /** How many rounds have been started on the board (1 at creation). */
  round: number;
  timer: Timer | null;
  focusCardId: string | null;
  showNames: boolean;
  joinOpen: boolean;
  /** The cards of the open round: null for the whole board (an extension of schema v1). */
  roundCardIds: string[] | null;
  /**
   * The languages the wall (projector) and the report are shown in, chosen by a facilitator:
   * one, or two side by side for a bilingual room; null for each screen's own language.
   */
  roomLanguages: Locale[] | null;
}

export interface FinalPosition {
  x: number;
  note: string;
}

/**
 * A closed round, frozen when the facilitator starts a new round on some cards: every counted
 * participant's position on those cards, and the cards' summaries at that moment.
 */
export interface RoundRecord {
  /** `control.round` when it closed. */
  round: number;
  cardIds: string[];
  closedAt: number;
  positions: Record<string, Record<string, number>>;
  summaries: Record<string, unknown>;
}

export const INITIAL_CONTROL: Control = {
  phase: 'placing',
  round: 1,
  timer: null,
  focusCardId: null,
  showNames: false,
  joinOpen: true,
  roundCardIds: null,
  roomLanguages: null,
};

export function placeRootName(participantId: string): string {
  return `${PLACE_PREFIX}${participantId}`;
}

/** The participant id of a `place:<id>` root name, or null for any other root. */
export function participantIdOfRoot(rootName: string): string | null {
  if (!rootName.startsWith(PLACE_PREFIX) || rootName.length === PLACE_PREFIX.length) return null;
  return rootName.slice(PLACE_PREFIX.length);
}

/**
 * What a root of the document is, by its name: one of the board's fixed roots, a participant's
 * placements (`place:<id>`), or a root this schema does not know (anyone could name one). Code
 * that treats roots differently switches on `kind`, so a new root kind is a compile error there.
 */
export type RootKind =
  | { kind: 'meta' }
  | { kind: 'participants' }
  | { kind: 'control' }
  | { kind: 'final' }
  | { kind: 'rounds' }
  | { kind: 'figures' }
  | { kind: 'progress' }
  | { kind: 'proposals' }
  | { kind: 'baseline' }
  | { kind: 'place'; participantId: string }
  | { kind: 'unknown' };

export function rootKind(rootName: string): RootKind {
  switch (rootName) {
    case ROOT_META:
      return { kind: 'meta' };
    case ROOT_PARTICIPANTS:
      return { kind: 'participants' };
    case ROOT_CONTROL:
      return { kind: 'control' };
    case ROOT_FINAL:
      return { kind: 'final' };
    case ROOT_ROUNDS:
      return { kind: 'rounds' };
    case ROOT_FIGURES:
      return { kind: 'figures' };
    case ROOT_PROGRESS:
    case ROOT_ROUND_PROGRESS:
      return { kind: 'progress' };
    case ROOT_PROPOSALS:
      return { kind: 'proposals' };
    case ROOT_BASELINE:
      return { kind: 'baseline' };
  }
  const participantId = participantIdOfRoot(rootName);
  return participantId === null ? { kind: 'unknown' } : { kind: 'place', participantId };
}

// ---------------------------------------------------------------------------------------------
// Validation of values found in the document (any client may have written them).

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isPosition(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0 && value <= 1;
}

export const MAX_REASON_LENGTH = 280;

export function parsePlacement(value: unknown): Placement | null {
  if (!isRecord(value)) return null;
  const { x, round, at, reason } = value;
  if (!isPosition(x) || !isFiniteNumber(round) || round < 1 || !isFiniteNumber(at)) return null;
  const placement: Placement = { x, round, at };
  if (typeof reason === 'string' && reason.length > 0) {
    placement.reason = reason.slice(0, MAX_REASON_LENGTH);
  }
  return placement;
}

/**
 * A placement exactly as clients must write it: `{ x, round, at, reason? }` and nothing else,
 * the reason at most MAX_REASON_LENGTH long. Readers are lenient (parsePlacement); the server is
 * strict, so nobody can store junk or fill a board's budget through their own placements.
 */
export function isWellFormedPlacement(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) {
    if (key !== 'x' && key !== 'round' && key !== 'at' && key !== 'reason') return false;
  }
  const { x, round, at, reason } = value;
  if (!isPosition(x) || !Number.isInteger(round) || (round as number) < 1) return false;
  if (!isFiniteNumber(at)) return false;
  return reason === undefined || (typeof reason === 'string' && reason.length <= MAX_REASON_LENGTH);
}

/** Every key of `control`: the only keys facilitators may write there. */
export const CONTROL_KEYS = Object.keys(INITIAL_CONTROL) as (keyof Control)[];

function isControlKey(key: string): key is keyof Control {
  return (CONTROL_KEYS as string[]).includes(key);
}

/** One or two different shipped languages. */
function isRoomLanguages(value: unknown): value is Locale[] {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= LOCALES.length &&
    value.every(isLocale) &&
    new Set(value).size === value.length
  );
}

/** A timer exactly as clients must write it: `{ endsAt, durationMs, pausedRemainingMs }`. */
function isWellFormedTimer(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) {
    if (key !== 'endsAt' && key !== 'durationMs' && key !== 'pausedRemainingMs') return false;
  }
  const { endsAt, durationMs, pausedRemainingMs } = value;
  return (
    isFiniteNumber(durationMs) &&
    (endsAt === null || isFiniteNumber(endsAt)) &&
    (pausedRemainingMs === null || isFiniteNumber(pausedRemainingMs))
  );
}

/**
 * A value exactly as facilitators must write it under a key of `control`, judged on its own:
 * a known key, and a value of its type and shape. What depends on the board (its cards, the
 * current round) the write rules add (writeRules.ts).
 */
export function isWellFormedControlValue(key: string, value: unknown): boolean {
  if (!isControlKey(key)) return false;
  switch (key) {
    case 'phase':
      return PHASES.includes(value as Phase);
    case 'round':
      return Number.isSafeInteger(value) && (value as number) >= 1;
    case 'timer':
      return value === null || isWellFormedTimer(value);
    case 'focusCardId':
      return value === null || typeof value === 'string';
    case 'showNames':
    case 'joinOpen':
      return typeof value === 'boolean';
    case 'roundCardIds':
      return (
        value === null || (Array.isArray(value) && value.every((id) => typeof id === 'string'))
      );
    case 'roomLanguages':
      return value === null || isRoomLanguages(value);
    default:
      return unreachable(key);
  }
}

export function parseParticipant(value: unknown): Participant | null {
  if (!isRecord(value)) return null;
  const { name, role, organisation, color, joinedAt, proxy, removed } = value;
  if (typeof name !== 'string' || typeof color !== 'string' || !isFiniteNumber(joinedAt)) {
    return null;
  }
  if (!ROLES.includes(role as Role)) return null;
  const participant: Participant = { name, role: role as Role, color, joinedAt };
  if (typeof organisation === 'string') participant.organisation = organisation;
  if (proxy === true) participant.proxy = true;
  if (removed === true) participant.removed = true;
  return participant;
}

function parseTimer(value: unknown): Timer | null {
  if (!isRecord(value)) return null;
  const { endsAt, durationMs, pausedRemainingMs } = value;
  if (!isFiniteNumber(durationMs)) return null;
  return {
    endsAt: isFiniteNumber(endsAt) ? endsAt : null,
    durationMs,
    pausedRemainingMs: isFiniteNumber(pausedRemainingMs) ? pausedRemainingMs : null,
  };
}

/** What every `rounds` entry needs to be read as a record at all (readers skip the others). */
function isRoundRecordLike(
  value: unknown,
): value is Json & { round: number; closedAt: number; cardIds: unknown[]; positions: Json } {
  if (!isRecord(value)) return false;
  const { round, cardIds, closedAt, positions } = value;
  return (
    isFiniteNumber(round) &&
    isFiniteNumber(closedAt) &&
    Array.isArray(cardIds) &&
    isRecord(positions)
  );
}

function stringsOf(values: readonly unknown[]): string[] {
  return values.filter((id): id is string => typeof id === 'string');
}

function parseRoundRecord(value: unknown): RoundRecord | null {
  if (!isRoundRecordLike(value)) return null;
  const { round, cardIds, closedAt, positions, summaries } = value;
  const cleanPositions: Record<string, Record<string, number>> = {};
  for (const [participantId, byCard] of Object.entries(positions)) {
    if (!isRecord(byCard)) continue;
    const kept: Record<string, number> = {};
    for (const [cardId, x] of Object.entries(byCard)) if (isPosition(x)) kept[cardId] = x;
    cleanPositions[participantId] = kept;
  }
  return {
    round,
    cardIds: stringsOf(cardIds),
    closedAt,
    positions: cleanPositions,
    summaries: isRecord(summaries) ? summaries : {},
  };
}

function parseFinal(value: unknown): FinalPosition | null {
  if (!isRecord(value) || !isPosition(value.x)) return null;
  return { x: value.x, note: typeof value.note === 'string' ? value.note : '' };
}

// ---------------------------------------------------------------------------------------------
// Typed access to the roots.

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_META);
}
export function participantsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_PARTICIPANTS);
}
export function controlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_CONTROL);
}
export function finalMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_FINAL);
}
export function roundsArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray(ROOT_ROUNDS);
}
export function placeMap(doc: Y.Doc, participantId: string): Y.Map<unknown> {
  return doc.getMap(placeRootName(participantId));
}

export function baselineMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_BASELINE);
}

/** The board's baseline, or null when it has none (or what is there is not one). */
export function readBaseline(doc: Y.Doc): StoredBaseline | null {
  return parseStoredBaseline(baselineMap(doc).get('baseline'));
}

/** Written by the server only (a command in the board's room); null removes the baseline. */
export function writeBaseline(
  doc: Y.Doc,
  baseline: StoredBaseline | null,
  origin: TransactionOrigin,
): void {
  doc.transact(() => {
    if (baseline === null) baselineMap(doc).delete('baseline');
    else baselineMap(doc).set('baseline', baseline);
  }, origin);
}

/** Ids of every participant that has a `place:` root in this document. */
export function placementOwners(doc: Y.Doc): string[] {
  const owners: string[] = [];
  for (const name of doc.share.keys()) {
    const id = participantIdOfRoot(name);
    if (id !== null) owners.push(id);
  }
  return owners;
}

/** The board's meta, or null while it has not arrived (or is not a board we understand). */
export function readMeta(doc: Y.Doc): BoardMeta | null {
  const meta = metaMap(doc);
  const schemaVersion = meta.get('schemaVersion');
  const title = meta.get('title');
  const createdAt = meta.get('createdAt');
  const organisations = meta.get('organisations');
  const rubric = meta.get('rubric');
  if (!isFiniteNumber(schemaVersion) || typeof title !== 'string' || !isFiniteNumber(createdAt)) {
    return null;
  }
  if (!isRecord(rubric) || !Array.isArray(rubric.elements)) return null;
  return {
    schemaVersion,
    title,
    createdAt,
    organisations: Array.isArray(organisations)
      ? organisations.filter((o): o is string => typeof o === 'string')
      : [],
    rubric: rubric as unknown as Rubric,
  };
}

export function readControl(doc: Y.Doc): Control {
  const control = controlMap(doc);
  const phase = control.get('phase');
  const round = control.get('round');
  const focusCardId = control.get('focusCardId');
  const roundCardIds = control.get('roundCardIds');
  const roomLanguages: unknown = control.get('roomLanguages');
  return {
    phase: PHASES.includes(phase as Phase) ? (phase as Phase) : INITIAL_CONTROL.phase,
    round: isFiniteNumber(round) && round >= 1 ? round : INITIAL_CONTROL.round,
    timer: parseTimer(control.get('timer')),
    focusCardId: typeof focusCardId === 'string' ? focusCardId : null,
    showNames: control.get('showNames') === true,
    joinOpen: control.get('joinOpen') !== false,
    roomLanguages: isRoomLanguages(roomLanguages) ? roomLanguages : null,
    roundCardIds: Array.isArray(roundCardIds) ? stringsOf(roundCardIds) : null,
  };
}

export function readRounds(doc: Y.Doc): RoundRecord[] {
  const rounds: RoundRecord[] = [];
  for (const value of roundsArray(doc).toArray()) {
    const record = parseRoundRecord(value);
    if (record) rounds.push(record);
  }
  return rounds;
}

/**
 * The cards of each record `readRounds` would return, without copying the frozen positions:
 * all that a card's round needs (rounds.ts), on the server's path of every placement.
 */
export function readRoundCardIds(doc: Y.Doc): { cardIds: string[] }[] {
  return roundsArray(doc)
    .toArray()
    .filter(isRoundRecordLike)
    .map((record) => ({ cardIds: stringsOf(record.cardIds) }));
}

export function readParticipant(doc: Y.Doc, participantId: string): Participant | null {
  return parseParticipant(participantsMap(doc).get(participantId));
}

export function readParticipants(doc: Y.Doc): Map<string, Participant> {
  const result = new Map<string, Participant>();
  participantsMap(doc).forEach((value, id) => {
    const participant = parseParticipant(value);
    if (participant) result.set(id, participant);
  });
  return result;
}

export function readPlacement(doc: Y.Doc, participantId: string, cardId: string): Placement | null {
  return parsePlacement(placeMap(doc, participantId).get(cardId));
}

export function readPlacements(doc: Y.Doc, participantId: string): Map<string, Placement> {
  const result = new Map<string, Placement>();
  placeMap(doc, participantId).forEach((value, cardId) => {
    const placement = parsePlacement(value);
    if (placement) result.set(cardId, placement);
  });
  return result;
}

export function readFinal(doc: Y.Doc): Map<string, FinalPosition> {
  const result = new Map<string, FinalPosition>();
  finalMap(doc).forEach((value, cardId) => {
    const position = parseFinal(value);
    if (position) result.set(cardId, position);
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Commands. Each is one transaction with a typed origin.

export interface NewBoard {
  title: string;
  createdAt: number;
  organisations: string[];
  rubric: Rubric;
}

/** Written once by the server when a board is created. */
export function initBoardDoc(doc: Y.Doc, board: NewBoard, origin: TransactionOrigin): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', board.title);
    meta.set('createdAt', board.createdAt);
    meta.set('organisations', board.organisations);
    meta.set('rubric', board.rubric);
    const control = controlMap(doc);
    for (const [key, value] of Object.entries(INITIAL_CONTROL)) control.set(key, value);
  }, origin);
}

export function putParticipant(
  doc: Y.Doc,
  participantId: string,
  participant: Participant,
  origin: TransactionOrigin,
): void {
  doc.transact(() => participantsMap(doc).set(participantId, participant), origin);
}

/** Rounds positions to 1e-4 so keyboard steps stay exact and the document stays small. */
export function roundPosition(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
}

export function setPlacement(
  doc: Y.Doc,
  participantId: string,
  cardId: string,
  placement: Placement,
  origin: TransactionOrigin,
): void {
  const value: Placement = { ...placement, x: roundPosition(placement.x) };
  doc.transact(() => placeMap(doc, participantId).set(cardId, value), origin);
}

/** Sends a card back to the tray (unplaced). */
export function clearPlacement(
  doc: Y.Doc,
  participantId: string,
  cardId: string,
  origin: TransactionOrigin,
): void {
  const map = placeMap(doc, participantId);
  if (!map.has(cardId)) return;
  doc.transact(() => map.delete(cardId), origin);
}

export function setControl<K extends keyof Control>(
  doc: Y.Doc,
  key: K,
  value: Control[K],
  origin: TransactionOrigin,
): void {
  doc.transact(() => controlMap(doc).set(key, value), origin);
}

export function setPhase(doc: Y.Doc, phase: Phase, origin: TransactionOrigin): void {
  setControl(doc, 'phase', phase, origin);
}

export function setFinal(
  doc: Y.Doc,
  cardId: string,
  position: FinalPosition,
  origin: TransactionOrigin,
): void {
  const value: FinalPosition = { x: roundPosition(position.x), note: position.note };
  doc.transact(() => finalMap(doc).set(cardId, value), origin);
}

export function clearFinal(doc: Y.Doc, cardId: string, origin: TransactionOrigin): void {
  const map = finalMap(doc);
  if (!map.has(cardId)) return;
  doc.transact(() => map.delete(cardId), origin);
}

/**
 * Closes the round on some cards (null: the whole board) and opens the next: the frozen record
 * goes into `rounds`, `control.round` goes up and the phase returns to placing. One transaction,
 * so nobody ever sees half of it.
 */
export function startRound(
  doc: Y.Doc,
  closing: Omit<RoundRecord, 'round'>,
  wholeBoard: boolean,
  origin: TransactionOrigin,
): void {
  doc.transact(() => {
    const control = readControl(doc);
    roundsArray(doc).push([{ ...closing, round: control.round }]);
    const map = controlMap(doc);
    map.set('round', control.round + 1);
    map.set('roundCardIds', wholeBoard ? null : closing.cardIds);
    map.set('phase', 'placing');
  }, origin);
}

/**
 * The root name of a root type of this document (null for nested types). Used by observers to
 * learn which roots a transaction touched without reaching into Yjs by string elsewhere.
 */
export function rootNameOf(doc: Y.Doc, type: object): string | null {
  for (const [name, root] of doc.share) if (root === type) return name;
  return null;
}

/**
 * Every card someone has placed on this board: in the open round, a closed one, or as the agreed
 * position. Such a card keeps its earlier texts when reworded and is retired when removed
 * (rubricEdit.ts).
 */
export function placedCardIds(doc: Y.Doc): Set<string> {
  const placed = new Set<string>();
  for (const participantId of placementOwners(doc)) {
    for (const cardId of readPlacements(doc, participantId).keys()) placed.add(cardId);
  }
  for (const cardId of readFinal(doc).keys()) placed.add(cardId);
  for (const record of readRounds(doc)) {
    for (const byCard of Object.values(record.positions)) {
      for (const cardId of Object.keys(byCard)) placed.add(cardId);
    }
  }
  return placed;
}
