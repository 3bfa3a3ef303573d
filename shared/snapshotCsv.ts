/**
 * The two CSV tables of an export, made from a snapshot (so an anonymised snapshot makes
 * anonymised tables): `placements.csv`, one row per placement of every round, and `cards.csv`,
 * one row per card with its current figures, the group's final position and, at the end, its
 * baseline's (the last retreat's) median and r_wg and the change of the median since then. Placements of
 * removed people are left out of the table as they are of the figures; the JSON keeps them.
 *
 * Either table can be made in any of the rubric's languages (`language`, e.g. `es`): element
 * names and card texts are then its translations, where the rubric has them. Column headers and
 * values such as `column` and `label` are machine names and stay as they are.
 */
import { type CsvCell, toCsv } from './csv.ts';
import { everyRubricCard, rubricCards, type Translations } from './rubric.ts';
import type { Snapshot } from './snapshot/schema.ts';

export const PLACEMENTS_CSV_HEADER = [
  'board_id',
  'board_title',
  'element_id',
  'element',
  'card_id',
  'card_text',
  'column',
  'participant',
  'organisation',
  'round',
  'position',
  'reason',
  'placed_at',
] as const;

export const CARDS_CSV_HEADER = [
  'element_id',
  'element',
  'card_id',
  'card_text',
  'column',
  'n',
  'median',
  'mean',
  'q1',
  'q3',
  'iqr',
  'rwg',
  'ad_md',
  'cns',
  'label',
  'final_position',
  'note',
  'baseline_median',
  'baseline_rwg',
  'change_since_baseline',
] as const;

/**
 * The rubric's cards by id, each with its element's name, in rubric order; texts and names in
 * `language` where translated, else the rubric's own.
 */
/** The rubric's cards, retired ones too where `withRetired` (their placements stay exported). */
function cardsOf(snapshot: Snapshot, language: string | undefined, withRetired = false) {
  const inLanguage = (source: string, translations: Translations | undefined) =>
    (language === undefined ? undefined : translations?.[language]) ?? source;
  const names = new Map(
    snapshot.rubric.elements.map((element) => [
      element.id,
      inLanguage(element.name, element.translations),
    ]),
  );
  const cards = withRetired ? everyRubricCard(snapshot.rubric) : rubricCards(snapshot.rubric);
  return cards.map((card) => ({
    ...card,
    text: inLanguage(card.text, card.translations),
    elementName: names.get(card.elementId) ?? '',
  }));
}

export function placementsCsv(snapshot: Snapshot, language?: string): string {
  const people = new Map(snapshot.participants.map((person) => [person.id, person]));
  const cards = new Map(cardsOf(snapshot, language, true).map((card) => [card.id, card]));
  const rows: CsvCell[][] = [];
  for (const placement of snapshot.placements) {
    const person = people.get(placement.participantId);
    const card = cards.get(placement.cardId);
    if (!person || person.removed || !card) continue;
    rows.push([
      snapshot.board.id,
      snapshot.board.title,
      card.elementId,
      card.elementName,
      card.id,
      card.text,
      card.column,
      person.name,
      person.organisation ?? null,
      placement.round,
      placement.position,
      placement.reason ?? null,
      placement.placedAt ?? null,
    ]);
  }
  return toCsv(PLACEMENTS_CSV_HEADER, rows);
}

export function cardsCsv(snapshot: Snapshot, language?: string): string {
  const stats = new Map(snapshot.summaries.cards.map((entry) => [entry.cardId, entry.summary]));
  const final = new Map(snapshot.final.map((entry) => [entry.cardId, entry]));
  const baselineCards = new Map(snapshot.baseline?.cards.map((card) => [card.id, card]));
  const rows = cardsOf(snapshot, language).map((card): CsvCell[] => {
    const summary = stats.get(card.id);
    const agreed = final.get(card.id);
    const matchedId = snapshot.baseline?.matches[card.id];
    const then = matchedId === undefined ? undefined : baselineCards.get(matchedId);
    const median = summary?.median ?? null;
    const thenMedian = then?.median ?? null;
    return [
      card.elementId,
      card.elementName,
      card.id,
      card.text,
      card.column,
      summary?.n ?? 0,
      summary?.median ?? null,
      summary?.mean ?? null,
      summary?.q1 ?? null,
      summary?.q3 ?? null,
      summary?.iqr ?? null,
      summary?.rwg ?? null,
      summary?.adMd ?? null,
      summary?.cns ?? null,
      summary?.label ?? 'no-data',
      agreed?.position ?? null,
      agreed?.note ?? null,
      thenMedian,
      then?.rwg ?? null,
      // Rounded to 1e-6, as positions are stored, so 0.7 − 0.4 reads 0.3.
      median === null || thenMedian === null ? null : Math.round((median - thenMedian) * 1e6) / 1e6,
    ];
  });
  return toCsv(CARDS_CSV_HEADER, rows);
}
