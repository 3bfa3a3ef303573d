/**
 * A rubric's texts in one person's language: the translation where the rubric has one, else
 * the rubric's own text. Each comes with its `lang`, so a screen reader reads an English card
 * in a Spanish interface as English.
 */
import {
  DEFAULT_AXIS,
  isSeedAxis,
  type Rubric,
  type RubricCard,
  type RubricElement,
} from '../rubric.ts';
import type { Translator } from './translator.ts';

export interface LocalText {
  text: string;
  lang: string;
}

type Reader = Pick<Translator, 'language' | 'data'>;

function pick(
  source: string,
  translations: Readonly<Record<string, string>> | undefined,
  rubric: Pick<Rubric, 'language'>,
  reader: Reader,
  ownLanguage?: string,
): LocalText {
  const sourceLang = ownLanguage ?? rubric.language ?? 'en';
  if (reader.language === sourceLang) return { text: reader.data(source), lang: sourceLang };
  const translated = translations?.[reader.language];
  return translated
    ? { text: reader.data(translated), lang: reader.language }
    : { text: reader.data(source), lang: sourceLang };
}

export function cardText(
  rubric: Pick<Rubric, 'language'>,
  card: RubricCard,
  reader: Reader,
): LocalText {
  return pick(card.text, card.translations, rubric, reader, card.language);
}

export function elementName(
  rubric: Pick<Rubric, 'language'>,
  element: RubricElement,
  reader: Reader,
): LocalText {
  return pick(element.name, element.translations, rubric, reader, element.language);
}

export function rubricTitle(rubric: Rubric, reader: Reader): LocalText {
  return pick(rubric.title, rubric.translations, rubric, reader);
}

export function axisEnds(rubric: Rubric, reader: Reader): { left: LocalText; right: LocalText } {
  const axis = rubric.axis ?? DEFAULT_AXIS;
  const sourceLang = axis.language ?? rubric.language ?? 'en';
  const translated =
    reader.language === sourceLang ? undefined : axis.translations?.[reader.language];
  const lang = translated ? reader.language : sourceLang;
  return {
    left: { text: reader.data(translated?.left ?? axis.left), lang },
    right: { text: reader.data(translated?.right ?? axis.right), lang },
  };
}

/**
 * The axis's ends where there is little room (a phone, the wall): the catalogue's short words
 * for the seed's ends, a rubric's own ends as they are.
 */
export function shortAxisEnds(
  rubric: Rubric,
  reader: Pick<Translator, 'language' | 'data' | 't' | 'lang'>,
): { left: LocalText; right: LocalText } {
  if (!isSeedAxis(rubric)) return axisEnds(rubric, reader);
  return {
    left: { text: reader.t('board.axis.shortStart'), lang: reader.lang },
    right: { text: reader.t('board.axis.shortEnd'), lang: reader.lang },
  };
}

/** The languages a rubric has every text in: its own, then each complete translation. */
export function rubricLanguages(rubric: Rubric): string[] {
  const own = rubric.language ?? 'en';
  const others = new Set<string>();
  for (const element of rubric.elements) {
    for (const lang of Object.keys(element.translations ?? {})) others.add(lang);
  }
  const complete = [...others].filter(
    (lang) =>
      lang !== own &&
      rubric.elements.every(
        (element) =>
          element.translations?.[lang] !== undefined &&
          element.cards.every((card) => card.translations?.[lang] !== undefined),
      ),
  );
  return [own, ...complete.sort()];
}
