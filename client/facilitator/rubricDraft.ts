/**
 * The rubric editor's changes, each one a whole rubric file to send with
 * `PUT /api/boards/:boardId/rubric` (rubricEdit.ts on the server keeps what people have done with
 * the cards). A text the facilitator rewrites becomes a plain string: its translations said the
 * old words, so they go with them. Pure.
 */
import type { CardColumn } from '../../shared/rubric.ts';
import type { RubricInput } from '../../shared/rubricInput.ts';

type LocalText = RubricInput['title'];
type ElementInput = RubricInput['elements'][number];

/** The text in the rubric's own language, else the first one given. */
export function sourceText(text: LocalText, source: string): string {
  if (typeof text === 'string') return text;
  return text[source] ?? Object.values(text)[0] ?? '';
}

/** The same text, or the new words alone when they differ. */
function rewritten(text: LocalText, words: string, source: string): LocalText {
  return sourceText(text, source) === words ? text : words;
}

function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const target = index + by;
  const item = next[index];
  const other = next[target];
  if (item === undefined || other === undefined) return next;
  next[index] = other;
  next[target] = item;
  return next;
}

function withElement(
  input: RubricInput,
  elementIndex: number,
  change: (element: ElementInput) => ElementInput,
): RubricInput {
  return {
    ...input,
    elements: input.elements.map((element, e) => (e === elementIndex ? change(element) : element)),
  };
}

const source = (input: RubricInput) => input.language ?? 'en';

export const rubricDraft = {
  /** `axis`: the axis as it is now, translations and all (rubricFile.ts `axisToInput`). */
  renameAxis(
    input: RubricInput,
    axis: { left: LocalText; right: LocalText },
    left: string,
    right: string,
  ): RubricInput {
    const s = source(input);
    return {
      ...input,
      axis: { left: rewritten(axis.left, left, s), right: rewritten(axis.right, right, s) },
    };
  },
  renameElement(input: RubricInput, e: number, name: string): RubricInput {
    return withElement(input, e, (element) => ({
      ...element,
      name: rewritten(element.name, name, source(input)),
    }));
  },
  moveElement(input: RubricInput, e: number, by: -1 | 1): RubricInput {
    return { ...input, elements: moved(input.elements, e, by) };
  },
  removeElement(input: RubricInput, e: number): RubricInput {
    return { ...input, elements: input.elements.filter((_, index) => index !== e) };
  },
  addElement(input: RubricInput, name: string, text: string, column: CardColumn): RubricInput {
    return { ...input, elements: [...input.elements, { name, cards: [{ text, column }] }] };
  },
  rewordCard(input: RubricInput, e: number, c: number, text: string): RubricInput {
    return withElement(input, e, (element) => ({
      ...element,
      cards: element.cards.map((card, index) =>
        index === c ? { ...card, text: rewritten(card.text, text, source(input)) } : card,
      ),
    }));
  },
  setColumn(input: RubricInput, e: number, c: number, column: CardColumn): RubricInput {
    return withElement(input, e, (element) => ({
      ...element,
      cards: element.cards.map((card, index) => (index === c ? { ...card, column } : card)),
    }));
  },
  moveCard(input: RubricInput, e: number, c: number, by: -1 | 1): RubricInput {
    return withElement(input, e, (element) => ({ ...element, cards: moved(element.cards, c, by) }));
  },
  removeCard(input: RubricInput, e: number, c: number): RubricInput {
    return withElement(input, e, (element) => ({
      ...element,
      cards: element.cards.filter((_, index) => index !== c),
    }));
  },
  addCard(input: RubricInput, e: number, text: string, column: CardColumn): RubricInput {
    return withElement(input, e, (element) => ({
      ...element,
      cards: [...element.cards, { text, column }],
    }));
  },
};
