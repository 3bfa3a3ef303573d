/**
 * "Start from a rubric file" on the start page (issue 16): a file chosen here is read and checked
 * in the browser (the server checks it again), named back with its size, and sent as the new
 * board's `rubric`; without one the board gets the Elements of Partnership, which can be
 * downloaded here as a rubric file to start one's own from.
 */

import type { RubricInput } from '../../shared/rubricInput.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { WordedError } from '../useAsyncAction.ts';
import { loadZodWithoutEval } from '../zodWithoutEval.ts';
import { JsonFileField } from './JsonFileField.tsx';

export interface ChosenRubric {
  input: RubricInput;
  title: string;
  elements: number;
  cards: number;
}

/** Reads and checks a rubric file; throws a WordedError naming what is wrong. */
export async function readRubricFile(file: File): Promise<ChosenRubric> {
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new WordedError((tr) => tr.t('pages.start.create.rubricNotJson'), 'rubric');
  }
  // zod and the checks load only for someone who brings a file.
  await loadZodWithoutEval();
  const { rubricFromInput, rubricInputSchema } = await import('../../shared/rubricInput.ts');
  const { describeValidationError } = await import('../../shared/api.ts');
  const checked = rubricInputSchema.safeParse(value);
  if (!checked.success) {
    const detail = describeValidationError(checked.error);
    throw new WordedError((tr) => tr.t('pages.start.create.rubricInvalid', { detail }), 'rubric');
  }
  const rubric = rubricFromInput(checked.data);
  return {
    input: checked.data,
    title: rubric.title,
    elements: rubric.elements.length,
    cards: rubric.elements.reduce((sum, element) => sum + element.cards.length, 0),
  };
}

/** The Elements of Partnership as a rubric file, with their Spanish. */
async function downloadSeedRubric(): Promise<void> {
  const [{ rubricToInput }, { withSeedTranslations }, { ELEMENTS_OF_PARTNERSHIP }, { saveBlob }] =
    await Promise.all([
      import('../../shared/rubricFile.ts'),
      import('../../shared/seedTranslations.ts'),
      import('../../shared/rubric.ts'),
      import('../facilitator/download.ts'),
    ]);
  const file = rubricToInput(withSeedTranslations(ELEMENTS_OF_PARTNERSHIP));
  const body = `${JSON.stringify(file, null, 2)}\n`;
  saveBlob(new Blob([body], { type: 'application/json' }), 'elements-of-partnership-rubric.json');
}

export function RubricFilePicker({
  chosen,
  busy,
  onChoose,
  onClear,
}: {
  chosen: ChosenRubric | null;
  busy: boolean;
  onChoose: (file: File) => void;
  onClear: () => void;
}) {
  const { t } = useTranslator();
  return (
    <JsonFileField
      id="board-rubric"
      label={t('pages.start.create.rubricLabel')}
      hint={t('pages.start.create.rubricHint')}
      chosen={
        chosen &&
        t('pages.start.create.rubricChosen', {
          title: chosen.title,
          elements: chosen.elements,
          cards: chosen.cards,
        })
      }
      busy={busy}
      onChoose={onChoose}
      onClear={onClear}
    >
      <p className="hint">
        <button type="button" className="link-button" onClick={() => void downloadSeedRubric()}>
          {t('pages.start.create.rubricTemplate')}
        </button>
      </p>
    </JsonFileField>
  );
}
