/**
 * The seed's translations for a board's rubric. Boards stored before the rubric had translations
 * hold its English alone in `meta.rubric`; a rubric that is the seed's (same id, same source
 * language) gains the seed's translation of every text whose source is still the seed's own
 * word for word (an edited text keeps only its own translations, since the seed's would no longer
 * say the same). Translations the rubric already has win. Pure and idempotent: the client calls
 * it on the rubric it reads, the server on what it exports and restores.
 */
import {
  ELEMENTS_OF_PARTNERSHIP,
  type Rubric,
  type RubricAxis,
  rubricCards,
  type Translations,
} from './rubric.ts';

export function withSeedTranslations(
  rubric: Rubric,
  seed: Rubric = ELEMENTS_OF_PARTNERSHIP,
): Rubric {
  if (rubric.id !== seed.id || (rubric.language ?? 'en') !== (seed.language ?? 'en')) return rubric;
  const seedElements = new Map(seed.elements.map((element) => [element.id, element]));
  const seedCards = new Map(rubricCards(seed).map((card) => [card.id, card]));
  return {
    ...rubric,
    ...translated(rubric.translations, rubric.title, seed.title, seed.translations),
    ...(rubric.axis === undefined ? {} : { axis: withAxisTranslations(rubric.axis, seed.axis) }),
    elements: rubric.elements.map((element) => {
      const seedElement = seedElements.get(element.id);
      return {
        ...element,
        ...translated(
          element.translations,
          element.name,
          seedElement?.name,
          seedElement?.translations,
        ),
        cards: element.cards.map((card) => {
          const seedCard = seedCards.get(card.id);
          return {
            ...card,
            ...translated(card.translations, card.text, seedCard?.text, seedCard?.translations),
          };
        }),
      };
    }),
  };
}

/** `{ translations }` with the seed's added when the source is the seed's; `{}` for none. */
function translated(
  own: Translations | undefined,
  source: string,
  seedSource: string | undefined,
  seedTranslations: Translations | undefined,
): { translations?: Translations } {
  const merged = source === seedSource ? { ...seedTranslations, ...own } : own;
  return merged === undefined || Object.keys(merged).length === 0 ? {} : { translations: merged };
}

function withAxisTranslations(axis: RubricAxis, seedAxis: RubricAxis | undefined): RubricAxis {
  if (seedAxis === undefined || axis.left !== seedAxis.left || axis.right !== seedAxis.right) {
    return axis;
  }
  const translations = { ...seedAxis.translations, ...axis.translations };
  return Object.keys(translations).length === 0 ? axis : { ...axis, translations };
}
