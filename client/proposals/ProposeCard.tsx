/**
 * A participant proposes a card while the group discusses (issue 16): for an element, the end
 * of the axis it describes, and its words. The proposal goes to the facilitators alone; the
 * participant sees their own and what became of them (asked of the server, since their document
 * never carries proposals). At most three wait at a time.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { axisEnds, elementName } from '../../shared/i18n/rubricText.ts';
import type { Proposal } from '../../shared/proposals.ts';
import type { CardColumn } from '../../shared/rubric.ts';
import { api } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useAsyncAction } from '../useAsyncAction.ts';

/** The longest card text a rubric takes (shared/rubricInput.ts), without loading zod. */
const MAX_CARD_TEXT = 200;

export function ProposeCard() {
  const { t } = useTranslator();
  const { me } = useBoardContext();
  const discussing = useBoard((state) => state.control.phase === 'discussing');
  if (me.role !== 'participant' || !discussing) return null;
  return (
    <Popover
      label={t('board.propose.button')}
      title={t('board.propose.title')}
      panelClassName="propose-panel"
      testId="propose"
      align="end"
    >
      <ProposeForm />
    </Popover>
  );
}

function ProposeForm() {
  const tr = useTranslator();
  const { t } = tr;
  const { boardId, me } = useBoardContext();
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const [elementId, setElementId] = useState(rubric?.elements[0]?.id ?? '');
  const [column, setColumn] = useState<CardColumn>('partnership');
  const [text, setText] = useState('');
  const [mine, setMine] = useState<readonly Proposal[]>([]);
  const [sent, setSent] = useState(false);
  const { busy, error, field, run } = useAsyncAction(t('board.propose.failed'));
  const refresh = useCallback(
    () =>
      api.proposals(boardId, me.token).then(
        (answer) => setMine(answer.proposals),
        () => undefined,
      ),
    [boardId, me.token],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (!rubric) return null;
  const ends = axisEnds(rubric, tr);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    void run(async () => {
      await api.propose(boardId, me.token, { elementId, column, text, language: tr.language });
      setText('');
      setSent(true);
      await refresh();
    });
  };
  return (
    <form className="propose-form" onSubmit={submit}>
      <p className="hint">{t('board.propose.hint')}</p>
      <label>
        {t('board.propose.element')}
        <select value={elementId} onChange={(event) => setElementId(event.target.value)}>
          {rubric.elements.map((element) => {
            const name = elementName(rubric, element, tr);
            return (
              <option key={element.id} value={element.id} lang={name.lang}>
                {name.text}
              </option>
            );
          })}
        </select>
      </label>
      <fieldset className="propose-column">
        <legend>{t('board.propose.describes')}</legend>
        {(['vendor', 'partnership'] as const).map((end) => (
          <label key={end}>
            <input
              type="radio"
              name="propose-column"
              checked={column === end}
              onChange={() => setColumn(end)}
            />
            <span lang={(end === 'vendor' ? ends.left : ends.right).lang}>
              {(end === 'vendor' ? ends.left : ends.right).text}
            </span>
          </label>
        ))}
      </fieldset>
      <label>
        {t('board.propose.text')}
        <textarea
          rows={3}
          maxLength={MAX_CARD_TEXT}
          required
          value={text}
          aria-invalid={field === 'text' ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <FormError error={error} />
      {sent && (
        <p className="hint" role="status">
          {t('board.propose.sent')}
        </p>
      )}
      <button type="submit" disabled={busy || text.trim() === ''}>
        {t('board.propose.send')}
      </button>
      {mine.length > 0 && (
        <ul className="my-proposals" aria-label={t('board.propose.mine')}>
          {mine.map((proposal) => (
            <li key={proposal.id}>
              <span lang={proposal.language}>{proposal.text}</span>{' '}
              <span className="hint">{t(`board.propose.status.${proposal.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
