/**
 * A board's rubric written as a rubric file (rubricInput.ts says what one holds): the body of
 * `GET /api/boards/:boardId/rubric.json` and the start page's template. Kept apart from the zod
 * schema so the pages that only write files (the Export menu) do not load zod, which probes for
 * `eval` and so breaks the Content-Security-Policy. Pure.
 */
import { DEFAULT_AXIS, type Rubric } from './rubric.ts';
import type { RubricInput } from './rubricInput.ts';

type LocalTextInput = string | Readonly<Record<string, string>>;

/** A text as a rubric file writes it: a plain string when it is in the source language only. */
function textToInput(
  text: string,
  language: string,
  source: string,
  translations: Readonly<Record<string, string>> | undefined,
): LocalTextInput {
  const alone = !translations || Object.keys(translations).length === 0;
  if (alone && language === source) return text;
  // The text's own language first: a file's text is in the first language it gives, unless
  // that one is the rubric's (rubricInput.ts).
  const others = Object.entries(translations ?? {}).filter(([lang]) => lang !== language);
  return { [language]: text, ...Object.fromEntries(others) };
}

/** A rubric's axis as a rubric file writes it, with its translations, the seed's included. */
export function axisToInput(rubric: Rubric): { left: LocalTextInput; right: LocalTextInput } {
  const source = rubric.language ?? 'en';
  const axis = rubric.axis ?? DEFAULT_AXIS;
  const axisLanguage = axis.language ?? source;
  const axisTranslations = Object.entries(axis.translations ?? {});
  return {
    left: textToInput(
      axis.left,
      axisLanguage,
      source,
      Object.fromEntries(axisTranslations.map(([lang, ends]) => [lang, ends.left])),
    ),
    right: textToInput(
      axis.right,
      axisLanguage,
      source,
      Object.fromEntries(axisTranslations.map(([lang, ends]) => [lang, ends.right])),
    ),
  };
}

/** A board's rubric as a rubric file: it reads back as the same rubric, ids and all. */
export function rubricToInput(rubric: Rubric): RubricInput {
  const source = rubric.language ?? 'en';
  const axis = rubric.axis ?? DEFAULT_AXIS;
  const axisLanguage = axis.language ?? source;
  // The seed's ends, in English with the seed's translations, are what a file without one gets.
  const seedAxis =
    axis.left === DEFAULT_AXIS.left &&
    axis.right === DEFAULT_AXIS.right &&
    axisLanguage === 'en' &&
    JSON.stringify(axis.translations) === JSON.stringify(DEFAULT_AXIS.translations);
  return {
    title: textToInput(rubric.title, source, source, rubric.translations),
    language: source,
    ...(seedAxis ? {} : { axis: axisToInput(rubric) }),
    elements: rubric.elements.map((element) => ({
      id: element.id,
      name: textToInput(element.name, element.language ?? source, source, element.translations),
      cards: element.cards.map((card) => ({
        id: card.id,
        text: textToInput(card.text, card.language ?? source, source, card.translations),
        column: card.column,
      })),
    })),
  };
}
