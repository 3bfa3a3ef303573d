/**
 * A rubric as people write it (issue 16): the `rubric` of `POST /api/boards` and a rubric file
 * (`rubric.json`; docs/rubric.schema.json) —
 *
 *     { title, axis?: { left, right }, language?,
 *       elements: [{ id?, name, cards: [{ id?, text, column }] }] }
 *
 * where any text is a string or `{ en: '…', es: '…' }`. `rubricInputSchema` checks it (limits,
 * unique ids; a refusal names the field) and `rubricFromInput` turns it into the board's
 * `Rubric` (shared/rubric.ts): one source language, translations beside it, and an id for every
 * element and card that lacks one, in the seed's form (`<element>.<v|p><n>`), never one the
 * board has used before. `rubricToInput` (rubricFile.ts, without zod) is the way back. Pure.
 */
import { z } from 'zod';
import {
  type CardColumn,
  DEFAULT_AXIS,
  type Rubric,
  type RubricAxis,
  type RubricCard,
  type RubricElement,
} from './rubric.ts';

export const RUBRIC_LIMITS = {
  minElements: 1,
  maxElements: 8,
  minCards: 1,
  maxCards: 12,
  /** A card's text. */
  maxCardText: 200,
  /** An element's name, and each end of the axis. */
  maxName: 60,
  maxTitle: 200,
  /** A card's id; an element's is shorter, so the ids given its cards (`<element>.p12`) fit. */
  maxId: 64,
  maxElementId: 56,
  /** Languages a text may be given in (a snapshot keeps 20 translations beside its own). */
  maxLanguages: 20,
} as const;

/** A language tag as the snapshot takes it: `es`, `es-MX`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const languageTag = z
  .string()
  .max(35, 'must be 35 characters or fewer')
  .regex(LANGUAGE_TAG, 'must be a language tag like en or es-MX');
const ELEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const CARD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)?$/;

/**
 * Ids become keys of plain objects on the board and in its exports (`final`, figures by card):
 * the names an object already has (`constructor`, `valueOf`, …) would read as something else.
 */
export function isSafeKey(id: string): boolean {
  return !(id in Object.prototype);
}

/**
 * Translations may run longer than the text they translate (Spanish often does by a fifth):
 * the limits bound the rubric's own language, and its translations to half as much again.
 */
const TRANSLATION_ALLOWANCE = 1.5;

/**
 * A text in one language (a string) or several (`{ en, es }`), each trimmed and bounded by the
 * translation allowance; its own language's is held to `max` below, once that language is known.
 */
function localText(max: number) {
  const bound = Math.ceil(max * TRANSLATION_ALLOWANCE);
  const one = z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(bound, `must be ${bound} characters or fewer`);
  return z.union([
    one,
    z
      .record(languageTag, one)
      .refine((texts) => Object.keys(texts).length > 0, 'give the text in at least one language')
      .refine(
        (texts) => Object.keys(texts).length <= RUBRIC_LIMITS.maxLanguages,
        `give it in at most ${RUBRIC_LIMITS.maxLanguages} languages`,
      ),
  ]);
}

const idOf = (pattern: RegExp, max: number, rule: string) =>
  z
    .string()
    .max(max, `must be ${max} characters or fewer`)
    .regex(pattern, rule)
    .refine(isSafeKey, 'is a name JavaScript objects already use; choose another');

const cardId = idOf(
  CARD_ID,
  RUBRIC_LIMITS.maxId,
  'must be letters, digits, - or _, with at most one dot (trust.v1)',
);
const elementId = idOf(
  ELEMENT_ID,
  RUBRIC_LIMITS.maxElementId,
  'must be letters, digits, - or _ (shared-values)',
);

const cardInput = z.strictObject({
  id: cardId.optional(),
  text: localText(RUBRIC_LIMITS.maxCardText),
  column: z.enum(['vendor', 'partnership']),
});

const elementInput = z.strictObject({
  id: elementId.optional(),
  name: localText(RUBRIC_LIMITS.maxName),
  cards: z
    .array(cardInput)
    .min(RUBRIC_LIMITS.minCards, `must hold at least ${RUBRIC_LIMITS.minCards} card`)
    .max(RUBRIC_LIMITS.maxCards, `must hold at most ${RUBRIC_LIMITS.maxCards} cards`),
});

export const rubricInputSchema = z
  .strictObject({
    title: localText(RUBRIC_LIMITS.maxTitle),
    /** The language of the texts given as plain strings; else the title's first, else `en`. */
    language: languageTag.optional(),
    axis: z
      .strictObject({
        left: localText(RUBRIC_LIMITS.maxName),
        right: localText(RUBRIC_LIMITS.maxName),
      })
      .optional(),
    elements: z
      .array(elementInput)
      .min(RUBRIC_LIMITS.minElements, `must hold at least ${RUBRIC_LIMITS.minElements} element`)
      .max(RUBRIC_LIMITS.maxElements, `must hold at most ${RUBRIC_LIMITS.maxElements} elements`),
  })
  .superRefine((rubric, context) => {
    const source = sourceLanguageOf(rubric);
    const ownWithin = (value: LocalTextInput, max: number, path: (string | number)[]) => {
      const own = ownEntry(value, source);
      if (own.text.length <= max) return;
      context.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: max,
        inclusive: true,
        path: own.lang === null ? path : [...path, own.lang],
        message: `must be ${max} characters or fewer`,
      });
    };
    ownWithin(rubric.title, RUBRIC_LIMITS.maxTitle, ['title']);
    // The rubric's language is the title's: a title given in others only cannot say it.
    if (typeof rubric.title !== 'string' && rubric.title[source] === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['title'],
        message: `give the title in the rubric's language (${source})`,
      });
    }
    if (rubric.axis) {
      ownWithin(rubric.axis.left, RUBRIC_LIMITS.maxName, ['axis', 'left']);
      ownWithin(rubric.axis.right, RUBRIC_LIMITS.maxName, ['axis', 'right']);
      // One language for both ends, as the board keeps them.
      const left = ownEntry(rubric.axis.left, source).lang ?? source;
      const right = ownEntry(rubric.axis.right, source).lang ?? source;
      if (left !== right) {
        context.addIssue({
          code: 'custom',
          path: ['axis', 'right'],
          message: `give both ends in one language (the left is in ${left})`,
        });
      }
    }
    rubric.elements.forEach((element, e) => {
      ownWithin(element.name, RUBRIC_LIMITS.maxName, ['elements', e, 'name']);
      element.cards.forEach((card, c) => {
        ownWithin(card.text, RUBRIC_LIMITS.maxCardText, ['elements', e, 'cards', c, 'text']);
      });
    });
    const elementIds = new Set<string>();
    const cardIds = new Set<string>();
    rubric.elements.forEach((element, e) => {
      if (element.id !== undefined) {
        if (elementIds.has(element.id)) {
          context.addIssue({
            code: 'custom',
            path: ['elements', e, 'id'],
            message: `"${element.id}" names two elements`,
          });
        }
        elementIds.add(element.id);
      }
      element.cards.forEach((card, c) => {
        if (card.id === undefined) return;
        if (cardIds.has(card.id)) {
          context.addIssue({
            code: 'custom',
            path: ['elements', e, 'cards', c, 'id'],
            message: `"${card.id}" names two cards`,
          });
        }
        cardIds.add(card.id);
      });
    });
  });

export type RubricInput = z.infer<typeof rubricInputSchema>;
type LocalTextInput = string | Readonly<Record<string, string>>;

/** The rubric id of rubrics people bring (the seed's is `elements-of-partnership`). */
export const CUSTOM_RUBRIC_ID = 'custom';

/** The text in the rubric's language where given, else the first given; null: a string. */
function ownEntry(value: LocalTextInput, source: string): { lang: string | null; text: string } {
  if (typeof value === 'string') return { lang: null, text: value };
  const text = value[source];
  if (text !== undefined) return { lang: source, text };
  const [first] = Object.entries(value);
  return first ? { lang: first[0], text: first[1] } : { lang: null, text: '' };
}

/** The source language: the one given, else the title's first, else English. */
function sourceLanguageOf(input: Pick<RubricInput, 'language' | 'title'>): string {
  if (input.language !== undefined) return input.language;
  if (typeof input.title !== 'string') {
    const first = Object.keys(input.title)[0];
    if (first !== undefined) return first;
  }
  return 'en';
}

interface Localised {
  text: string;
  /** Set when the text is not in the rubric's language (none was given in it). */
  language?: string;
  translations?: Record<string, string>;
}

/** A text in the rubric's language where given, else the first given, the rest beside it. */
function localise(value: LocalTextInput, source: string): Localised {
  const { lang, text } = ownEntry(value, source);
  if (typeof value === 'string' || lang === null) return { text };
  const translations = Object.fromEntries(
    Object.entries(value).filter(([other]) => other !== lang),
  );
  return {
    text,
    ...(lang === source ? {} : { language: lang }),
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}

/** A short lowercase slug of a name (`Shared Values` → `shared-values`), or '' for none. */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/**
 * The board's rubric for a checked input. `usedIds`: every element and card id the board has
 * ever had (its cards' placements must never attach to a new card), kept clear of the ids it
 * assigns; ids the input gives are kept as they are.
 */
export function rubricFromInput(
  input: RubricInput,
  usedIds: ReadonlySet<string> = new Set(),
): Rubric {
  const source = sourceLanguageOf(input);
  const taken = new Set(usedIds);
  for (const element of input.elements) {
    if (element.id !== undefined) taken.add(element.id);
    for (const card of element.cards) if (card.id !== undefined) taken.add(card.id);
  }
  const elements: RubricElement[] = input.elements.map((element, e) => {
    const name = localise(element.name, source);
    const id = element.id ?? freshElementId(slug(name.text), e, taken);
    const next: Record<CardColumn, number> = { vendor: 1, partnership: 1 };
    const cards: RubricCard[] = element.cards.map((card) => {
      let cardId = card.id;
      if (cardId === undefined) {
        const letter = card.column === 'vendor' ? 'v' : 'p';
        do {
          cardId = `${id}.${letter}${next[card.column]}`;
          next[card.column] += 1;
        } while (taken.has(cardId));
        taken.add(cardId);
      }
      return { id: cardId, column: card.column, ...localise(card.text, source) };
    });
    const { text, ...rest } = name;
    return { id, name: text, ...rest, cards };
  });
  const title = localise(input.title, source);
  return {
    id: CUSTOM_RUBRIC_ID,
    title: title.text,
    language: source,
    ...(title.translations ? { translations: title.translations } : {}),
    axis: input.axis ? axisFromInput(input.axis, source) : defaultAxisFor(source),
    elements,
  };
}

/** The seed's ends, English with their Spanish, marked English in a rubric of another language. */
function defaultAxisFor(source: string): RubricAxis {
  return source === 'en' ? DEFAULT_AXIS : { ...DEFAULT_AXIS, language: 'en' };
}

function freshElementId(base: string, index: number, taken: Set<string>): string {
  const usable = base !== '' && isSafeKey(base);
  const stem = usable ? base.slice(0, RUBRIC_LIMITS.maxElementId - 4) : `element-${index + 1}`;
  let id = stem;
  for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

/** The axis's ends; a language is translated only where both ends are given in it. */
function axisFromInput(
  axis: { left: LocalTextInput; right: LocalTextInput },
  source: string,
): RubricAxis {
  const left = localise(axis.left, source);
  const right = localise(axis.right, source);
  const translations: Record<string, { left: string; right: string }> = {};
  for (const [lang, text] of Object.entries(left.translations ?? {})) {
    const other = right.translations?.[lang];
    if (other !== undefined) translations[lang] = { left: text, right: other };
  }
  return {
    left: left.text,
    right: right.text,
    ...(left.language !== undefined ? { language: left.language } : {}),
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}
