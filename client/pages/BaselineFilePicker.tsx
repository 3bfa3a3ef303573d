/**
 * "Compare with an earlier board" on the start page (issue 16, since the last retreat): an
 * earlier board's snapshot chosen here is sent as the new board's `baseline`; the server checks
 * it as it checks an import and keeps only its per-card figures. The page reads only its title
 * to name it back.
 */
import { useTranslator } from '../i18n/useTranslator.ts';
import { WordedError } from '../useAsyncAction.ts';
import { JsonFileField } from './JsonFileField.tsx';

export interface ChosenBaseline {
  snapshot: unknown;
  title: string;
}

/** Reads a snapshot file as JSON; throws a WordedError when it is not one. */
export async function readBaselineFile(file: File): Promise<ChosenBaseline> {
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(await file.text());
  } catch {
    throw new WordedError((tr) => tr.t('pages.start.create.baselineNotJson'), 'baseline');
  }
  const board = (snapshot as { board?: { title?: unknown } } | null)?.board;
  if (typeof board?.title !== 'string') {
    throw new WordedError((tr) => tr.t('pages.start.create.baselineNotJson'), 'baseline');
  }
  return { snapshot, title: board.title };
}

export function BaselineFilePicker({
  chosen,
  busy,
  onChoose,
  onClear,
}: {
  chosen: ChosenBaseline | null;
  busy: boolean;
  onChoose: (file: File) => void;
  onClear: () => void;
}) {
  const { t } = useTranslator();
  return (
    <JsonFileField
      id="board-baseline"
      label={t('pages.start.create.baselineLabel')}
      hint={t('pages.start.create.baselineHint')}
      chosen={chosen && t('pages.start.create.baselineChosen', { title: chosen.title })}
      busy={busy}
      onChoose={onChoose}
      onClear={onClear}
    />
  );
}
