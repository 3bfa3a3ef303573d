/**
 * Reading a snapshot file: its shape (schema.ts), then what refers to what (cards of the rubric,
 * known participants, rounds in order). Pure.
 */
import type { z } from 'zod';
import { describeValidationError, validationField } from '../api.ts';
import { closingRecordIndexes } from '../rounds.ts';
import { everyRubricCard, type Rubric } from '../rubric.ts';
import { isSafeKey, RUBRIC_LIMITS } from '../rubricInput.ts';
import { snapshotFileShape } from './schema.ts';
import { upgradeSnapshot } from './upgrade.ts';

type SnapshotShape = z.output<typeof snapshotFileShape>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** A snapshot file: the schema of its fields and the checks of what refers to what. */
export const snapshotSchema = snapshotFileShape.superRefine((snapshot, ctx) =>
  checkReferences(snapshot, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);

/** A snapshot as read from a file: derived parts (`summaries`) are optional and unchecked. */
export type ParsedSnapshot = z.output<typeof snapshotSchema>;

export type SnapshotParseResult =
  | { ok: true; snapshot: ParsedSnapshot }
  /** `field`: the path of the first bad field (`placements.3.position`), when one is at fault. */
  | { ok: false; error: string; field?: string };

/**
 * Checks a snapshot file (already JSON-parsed), upgraded first if it is of an older version; the
 * error names the first bad field.
 */
export function parseSnapshot(value: unknown): SnapshotParseResult {
  const upgraded = upgradeSnapshot(value);
  if (!upgraded.ok) return upgraded;
  const result = snapshotSchema.safeParse(upgraded.value);
  if (result.success) return { ok: true, snapshot: result.data };
  const field = validationField(result.error);
  const error = describeValidationError(result.error);
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}

function checkReferences(snapshot: SnapshotShape, report: Report): void {
  checkRubric(snapshot.rubric, report);
  const cardIds = new Set(everyRubricCard(snapshot.rubric).map((card) => card.id));
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
  snapshot.rounds.forEach((record, index) => {
    if (record.round <= previousRound) {
      report(['rounds', index, 'round'], 'rounds must be listed in increasing order');
    } else if (record.round >= snapshot.session.round) {
      report(['rounds', index, 'round'], `must be below session.round (${snapshot.session.round})`);
    }
    previousRound = record.round;
    checkCards(record.cardIds, ['rounds', index, 'cardIds']);
  });
  const closingRecords = closingRecordIndexes(snapshot.rounds);
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
    const openRound = (closingRecords.get(cardId)?.length ?? 0) + 1;
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

  let previousAt = 0;
  // Ids the board has had: a card recorded or hand-matched, then taken back by everyone and
  // removed, is only a former id by then.
  const everCardIds = new Set([...cardIds, ...(snapshot.rubric.formerIds ?? [])]);
  snapshot.timeline?.forEach((entry, index) => {
    if (entry.at < previousAt) report(['timeline', index, 'at'], 'entries must be in time order');
    previousAt = entry.at;
    for (const cardId of Object.keys(entry.cards)) {
      if (!everCardIds.has(cardId)) {
        report(['timeline', index, 'cards', cardId], `"${cardId}" is not a card of the rubric`);
      }
    }
  });
  if (snapshot.baseline) checkBaseline(snapshot.baseline, everCardIds, report);

  const finals = new Set<string>();
  snapshot.final.forEach(({ cardId }, index) => {
    if (!cardIds.has(cardId)) report(['final', index, 'cardId'], `"${cardId}" is not a card`);
    else if (finals.has(cardId)) report(['final', index, 'cardId'], `"${cardId}" is listed twice`);
    finals.add(cardId);
  });
}

/** A baseline's cards are its own (unique ids); its hand matches name the board's cards. */
function checkBaseline(
  baseline: NonNullable<SnapshotShape['baseline']>,
  cardIds: ReadonlySet<string>,
  report: Report,
): void {
  const own = new Set<string>();
  baseline.cards.forEach((card, index) => {
    if (own.has(card.id))
      report(['baseline', 'cards', index, 'id'], `"${card.id}" is listed twice`);
    own.add(card.id);
  });
  const matched = new Set<string>();
  for (const [cardId, baselineId] of Object.entries(baseline.manualMatches)) {
    const path = ['baseline', 'manualMatches', cardId];
    if (!cardIds.has(cardId)) report(path, `"${cardId}" is not a card of the rubric`);
    else if (baselineId !== null && !own.has(baselineId)) {
      report(path, `"${baselineId}" is not a card of the baseline`);
    } else if (baselineId !== null && matched.has(baselineId)) {
      report(path, `"${baselineId}" is matched twice`);
    }
    if (baselineId !== null) matched.add(baselineId);
  }
}

/**
 * A snapshot is checked against its own rubric (a board's rubric may be any, issue 16), within
 * the limits of a board's rubric (rubricInput.ts): element ids and card ids each unique and
 * usable as keys, so every placement names one card.
 */
function checkRubric(rubric: Rubric, report: Report): void {
  const { minElements, maxElements, minCards, maxCards, maxCardText, maxName, maxTitle } =
    RUBRIC_LIMITS;
  if (rubric.title.length > maxTitle) report(['rubric', 'title'], `is over ${maxTitle} characters`);
  if (rubric.elements.length < minElements || rubric.elements.length > maxElements) {
    report(['rubric', 'elements'], `must hold ${minElements}–${maxElements} elements`);
  }
  const elements = new Set<string>();
  const cards = new Set<string>();
  const checkId = (id: string, seen: Set<string>, path: Path) => {
    if (seen.has(id)) report(path, `"${id}" is listed twice`);
    else if (!isSafeKey(id)) report(path, `"${id}" cannot be an id`);
    seen.add(id);
  };
  rubric.elements.forEach((element, e) => {
    const path = ['rubric', 'elements', e];
    checkId(element.id, elements, [...path, 'id']);
    if (element.name.length > maxName) report([...path, 'name'], `is over ${maxName} characters`);
    if (element.cards.length < minCards || element.cards.length > maxCards) {
      report([...path, 'cards'], `must hold ${minCards}–${maxCards} cards`);
    }
    element.cards.forEach((card, c) => {
      checkId(card.id, cards, [...path, 'cards', c, 'id']);
      if (card.text.length > maxCardText) {
        report([...path, 'cards', c, 'text'], `is over ${maxCardText} characters`);
      }
    });
  });
  // A retired card is still the board's: its id is taken like any card's.
  rubric.retired?.forEach((card, r) => {
    checkId(card.id, cards, ['rubric', 'retired', r, 'id']);
  });
}
