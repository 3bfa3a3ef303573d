import { describe, expect, it } from 'vitest';
import { type Rubric, rubricCards } from '../../../shared/rubric.ts';
import { editedRubric, MAX_EARLIER_TEXTS, withCardAdded } from '../../../shared/rubricEdit.ts';
import { rubricToInput } from '../../../shared/rubricFile.ts';
import { type RubricInput, rubricFromInput } from '../../../shared/rubricInput.ts';

const INPUT: RubricInput = {
  title: 'Ours',
  elements: [
    {
      id: 'trust',
      name: 'Trust',
      cards: [
        { id: 'trust.v1', text: 'First', column: 'vendor' },
        { id: 'trust.p1', text: 'Second', column: 'partnership' },
      ],
    },
  ],
};
const START: Rubric = rubricFromInput(INPUT);

function edit(current: Rubric, cards: RubricInput['elements'][number]['cards'], placed: string[]) {
  const result = editedRubric(
    current,
    { ...INPUT, elements: [{ id: 'trust', name: 'Trust', cards }] },
    (id) => placed.includes(id),
    1000,
  );
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('editing a rubric', () => {
  it('keeps an earlier text only for a card people have placed', () => {
    const reworded = [
      { id: 'trust.v1', text: 'First, reworded', column: 'vendor' as const },
      { id: 'trust.p1', text: 'Second, reworded', column: 'partnership' as const },
    ];
    const { rubric } = edit(START, reworded, ['trust.v1']);
    const [v1, p1] = rubricCards(rubric);
    expect(v1?.history).toEqual([{ text: 'First', until: 1000 }]);
    expect(p1?.history).toBeUndefined();
  });

  it('retires a placed card it leaves out, remembers the id of an unplaced one, never gives either again', () => {
    const { rubric, retired } = edit(START, [{ text: 'New', column: 'vendor' }], ['trust.v1']);
    expect(retired).toEqual(['trust.v1']);
    expect(rubric.retired).toEqual([
      { id: 'trust.v1', text: 'First', column: 'vendor', elementId: 'trust', retiredAt: 1000 },
    ]);
    expect(rubric.formerIds).toEqual(['trust.p1']);
    expect(rubricCards(rubric).map((c) => c.id)).toEqual(['trust.v2']);
    const added = withCardAdded(rubric, { elementId: 'trust', text: 'P', column: 'partnership' });
    expect(added.ok && added.cardId).toBe('trust.p2');
  });

  it('brings a retired card back when it is sent again with its id', () => {
    const first = edit(
      START,
      [{ id: 'trust.p1', text: 'Second', column: 'partnership' }],
      ['trust.v1'],
    );
    const back = edit(
      first.rubric,
      [{ id: 'trust.v1', text: 'First', column: 'vendor' }],
      ['trust.v1'],
    );
    expect(rubricCards(back.rubric).map((c) => c.id)).toEqual(['trust.v1']);
    expect(back.rubric.retired).toBeUndefined();
  });

  it('keeps the first and the latest earlier texts of a card reworded many times', () => {
    let rubric = START;
    for (let n = 1; n <= MAX_EARLIER_TEXTS + 5; n += 1) {
      rubric = edit(
        rubric,
        [{ id: 'trust.v1', text: `Text ${n}`, column: 'vendor' }],
        ['trust.v1'],
      ).rubric;
    }
    const history = rubricCards(rubric)[0]?.history ?? [];
    expect(history).toHaveLength(MAX_EARLIER_TEXTS);
    expect(history[0]?.text).toBe('First');
    expect(history.at(-1)?.text).toBe(`Text ${MAX_EARLIER_TEXTS + 4}`);
  });

  it('adds a proposed card at the end of its element, refused in a full or unknown element', () => {
    const added = withCardAdded(START, {
      elementId: 'trust',
      text: 'Nuevo',
      column: 'vendor',
      language: 'es',
    });
    expect(added.ok && rubricCards(added.rubric).at(-1)).toEqual({
      id: 'trust.v2',
      text: 'Nuevo',
      column: 'vendor',
      language: 'es',
      elementId: 'trust',
    });
    expect(withCardAdded(START, { elementId: 'nope', text: 'x', column: 'vendor' })).toEqual({
      ok: false,
      reason: 'noSuchElement',
    });
    const twelve = Array.from({ length: 12 }, (_, n) => ({
      text: `C${n}`,
      column: 'vendor' as const,
    }));
    const full = rubricFromInput({
      ...INPUT,
      elements: [{ id: 'trust', name: 'Trust', cards: twelve }],
    });
    expect(withCardAdded(full, { elementId: 'trust', text: 'x', column: 'vendor' }).ok).toBe(false);
  });
});

describe('a rubric written as a file and read back', () => {
  it('keeps a text in another language with its translations, so an edit changes nothing else', () => {
    const rubric = rubricFromInput({
      title: 'Ours',
      language: 'en',
      elements: [
        {
          id: 'trust',
          name: 'Trust',
          cards: [{ id: 'trust.v1', text: { es: 'Hola', fr: 'Bonjour' }, column: 'vendor' }],
        },
      ],
    });
    const again = editedRubric(rubric, rubricToInput(rubric), () => true, 5);
    expect(again.ok && rubricCards(again.rubric)).toEqual(rubricCards(rubric));
    expect(rubricCards(rubric)[0]).toMatchObject({ text: 'Hola', language: 'es' });
  });
});
