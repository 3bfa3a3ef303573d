/**
 * The facilitator edits the board's rubric in Setup (issue 16): rename the axis ends and the
 * elements, reword, add, move and remove cards and elements. Each change is sent at once as the
 * whole rubric (`PUT /api/boards/:boardId/rubric`) and every screen follows from the board's
 * document. Removing a card people have placed asks first: it is retired, its placements kept in
 * the export. Words are edited in the rubric's own language; a reworded text loses the
 * translations of its old words.
 */
import {
  createContext,
  type FormEvent,
  type KeyboardEvent,
  useContext,
  useMemo,
  useState,
} from 'react';
import type { CardColumn } from '../../shared/rubric.ts';
import { axisToInput, rubricToInput } from '../../shared/rubricFile.ts';
import type { RubricInput } from '../../shared/rubricInput.ts';
import { api } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import type { BoardState, BoardStore } from '../state/boardStore.ts';
import { useAsyncAction } from '../useAsyncAction.ts';
import { rubricDraft, sourceText } from './rubricDraft.ts';

/** The limits a rubric keeps (shared/rubricInput.ts RUBRIC_LIMITS), without loading zod. */
const MAX_ELEMENTS = 8;
const MAX_CARDS = 12;
const MAX_CARD_TEXT = 200;
const MAX_NAME = 60;

/** The language the editor's fields are in: the rubric's own. */
const EditorLanguage = createContext({ source: 'en' });

/** Cards someone has placed: in a round, a closed one, or as the agreed position. */
function placedCards(
  state: Pick<BoardState, 'placements' | 'final' | 'rounds'>,
): ReadonlySet<string> {
  const placed = new Set<string>();
  for (const [cardId, byPerson] of Object.entries(state.placements)) {
    if (Object.keys(byPerson).length > 0) placed.add(cardId);
  }
  for (const cardId of Object.keys(state.final)) placed.add(cardId);
  for (const record of state.rounds) {
    for (const byCard of Object.values(record.positions)) {
      for (const cardId of Object.keys(byCard)) placed.add(cardId);
    }
  }
  return placed;
}

export function RubricEditorButton() {
  const { t } = useTranslator();
  const inSetup = useBoard((state) => state.control.phase === 'setup');
  if (!inSetup) return null;
  return (
    <Popover
      label={t('facilitator.rubric.button')}
      title={t('facilitator.rubric.title')}
      panelClassName="rubric-editor-panel"
      testId="rubric-editor"
    >
      <RubricEditor />
    </Popover>
  );
}

function RubricEditor() {
  const { t } = useTranslator();
  const { boardId, me, store } = useBoardContext();
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const placements = useBoard((state) => state.placements);
  const final = useBoard((state) => state.final);
  const rounds = useBoard((state) => state.rounds);
  const placed = useMemo(
    () => placedCards({ placements, final, rounds }),
    [placements, final, rounds],
  );
  const { busy, error, run } = useAsyncAction(t('facilitator.rubric.failed'));
  const [confirming, setConfirming] = useState<string | null>(null);
  const input = useMemo(() => (rubric ? rubricToInput(rubric) : null), [rubric]);
  if (!input) return null;
  const source = input.language ?? 'en';
  const text = (value: RubricInput['title']) => sourceText(value, source);
  /** Sends a change; true once this screen shows it (the next change starts from it). */
  const send = async (next: RubricInput): Promise<boolean> => {
    let done = false;
    await run(async () => {
      setConfirming(null);
      const before = store.getState().meta?.rubric;
      await api.replaceRubric(boardId, me.token, next);
      await rubricReplaced(store, before);
      done = true;
    });
    return done;
  };
  const axis = rubric ? axisToInput(rubric) : { left: '', right: '' };
  const left = text(axis.left);
  const right = text(axis.right);

  return (
    <EditorLanguage.Provider value={{ source }}>
      <div className="rubric-editor" aria-busy={busy}>
        <p className="hint">{t('facilitator.rubric.hint')}</p>
        <FormError error={error} />
        <fieldset className="rubric-axis">
          <legend>{t('facilitator.rubric.axis')}</legend>
          <CommitField
            label={t('facilitator.rubric.axisLeft')}
            value={left}
            max={MAX_NAME}
            disabled={busy}
            onCommit={(words) => send(rubricDraft.renameAxis(input, axis, words, right))}
          />
          <CommitField
            label={t('facilitator.rubric.axisRight')}
            value={right}
            max={MAX_NAME}
            disabled={busy}
            onCommit={(words) => send(rubricDraft.renameAxis(input, axis, left, words))}
          />
        </fieldset>
        <ol className="rubric-elements">
          {input.elements.map((element, e) => {
            const name = text(element.name);
            const elementPlaced = element.cards.some((card) => placed.has(card.id ?? ''));
            const elementKey = element.id ?? `new-${e}`;
            return (
              <li
                key={elementKey}
                className="rubric-element"
                data-testid={`edit-element-${elementKey}`}
              >
                <div className="rubric-row">
                  <CommitField
                    label={t('facilitator.rubric.elementName')}
                    value={name}
                    max={MAX_NAME}
                    disabled={busy}
                    onCommit={(words) => send(rubricDraft.renameElement(input, e, words))}
                  />
                  <MoveButtons
                    what={name}
                    disabled={busy}
                    first={e === 0}
                    last={e === input.elements.length - 1}
                    onMove={(by) => send(rubricDraft.moveElement(input, e, by))}
                  />
                  <RemoveButton
                    id={`element:${elementKey}`}
                    what={name}
                    asks={elementPlaced}
                    disabled={busy || input.elements.length <= 1}
                    confirming={confirming}
                    setConfirming={setConfirming}
                    onRemove={() => send(rubricDraft.removeElement(input, e))}
                  />
                </div>
                <ol className="rubric-cards">
                  {element.cards.map((card, c) => {
                    const words = text(card.text);
                    const cardKey = card.id ?? `new-${c}`;
                    return (
                      <li
                        key={cardKey}
                        className="rubric-card"
                        data-testid={`edit-card-${cardKey}`}
                      >
                        <CommitField
                          label={t('facilitator.rubric.cardText')}
                          value={words}
                          max={MAX_CARD_TEXT}
                          multiline
                          disabled={busy}
                          onCommit={(next) => send(rubricDraft.rewordCard(input, e, c, next))}
                        />
                        <div className="rubric-row">
                          <ColumnSelect
                            value={card.column}
                            left={left}
                            right={right}
                            disabled={busy}
                            onChange={(column) => send(rubricDraft.setColumn(input, e, c, column))}
                          />
                          <MoveButtons
                            what={words}
                            disabled={busy}
                            first={c === 0}
                            last={c === element.cards.length - 1}
                            onMove={(by) => send(rubricDraft.moveCard(input, e, c, by))}
                          />
                          <RemoveButton
                            id={`card:${cardKey}`}
                            what={words}
                            asks={placed.has(card.id ?? '')}
                            disabled={busy || element.cards.length <= 1}
                            confirming={confirming}
                            setConfirming={setConfirming}
                            onRemove={() => send(rubricDraft.removeCard(input, e, c))}
                          />
                        </div>
                      </li>
                    );
                  })}
                </ol>
                {element.cards.length < MAX_CARDS && (
                  <AddForm
                    legend={t('facilitator.rubric.addCard', { element: name })}
                    left={left}
                    right={right}
                    disabled={busy}
                    onAdd={(words, column) => send(rubricDraft.addCard(input, e, words, column))}
                  />
                )}
              </li>
            );
          })}
        </ol>
        {input.elements.length < MAX_ELEMENTS && (
          <AddForm
            legend={t('facilitator.rubric.addElement')}
            withName
            left={left}
            right={right}
            disabled={busy}
            onAdd={(words, column, name) =>
              send(rubricDraft.addElement(input, name ?? '', words, column))
            }
          />
        )}
      </div>
    </EditorLanguage.Provider>
  );
}

/**
 * Waits until this screen's rubric is no longer `before` (the server's write arrived through the
 * board's document), at most two seconds: the next change must start from this one.
 */
function rubricReplaced(store: BoardStore, before: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().meta?.rubric !== before) return resolve();
    const timer = setTimeout(done, 2000);
    const stop = store.subscribe((state) => {
      if (state.meta?.rubric !== before) done();
    });
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/** A text field whose words are sent when it loses the focus or Enter is pressed. */
function CommitField({
  label,
  value,
  max,
  multiline = false,
  disabled,
  onCommit,
}: {
  label: string;
  value: string;
  max: number;
  multiline?: boolean;
  disabled: boolean;
  onCommit: (words: string) => void;
}) {
  const { source } = useContext(EditorLanguage);
  const commit = (words: string) => {
    const trimmed = words.trim();
    if (trimmed !== '' && trimmed !== value) onCommit(trimmed);
  };
  const shared = {
    'aria-label': label,
    // The words are the rubric's own, in its language, whatever the interface's.
    lang: source,
    defaultValue: value,
    maxLength: max,
    // Never disabled while a change is sent: that would drop the focus of the next field.
    readOnly: disabled,
    onBlur: (event: { currentTarget: { value: string } }) => commit(event.currentTarget.value),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        event.currentTarget.blur();
      }
    },
  };
  // Keyed by the value, so a change from elsewhere (another facilitator) shows at once.
  return multiline ? (
    <textarea key={value} rows={2} {...shared} />
  ) : (
    <input key={value} type="text" {...shared} />
  );
}

function ColumnSelect({
  value,
  left,
  right,
  disabled,
  onChange,
}: {
  value: CardColumn;
  left: string;
  right: string;
  disabled: boolean;
  onChange: (column: CardColumn) => void;
}) {
  const { t } = useTranslator();
  return (
    <select
      aria-label={t('facilitator.rubric.column')}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === 'vendor' ? 'vendor' : 'partnership')}
    >
      <option value="vendor">{t('facilitator.rubric.describes', { end: left })}</option>
      <option value="partnership">{t('facilitator.rubric.describes', { end: right })}</option>
    </select>
  );
}

function MoveButtons({
  what,
  first,
  last,
  disabled,
  onMove,
}: {
  what: string;
  first: boolean;
  last: boolean;
  disabled: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  const { t } = useTranslator();
  return (
    <span className="move-buttons">
      <button
        type="button"
        className="icon-button"
        aria-label={t('facilitator.rubric.moveUp', { what })}
        disabled={disabled || first}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('facilitator.rubric.moveDown', { what })}
        disabled={disabled || last}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
    </span>
  );
}

/** Removes at once, or, where people have placed it, asks first. */
function RemoveButton({
  id,
  what,
  asks,
  disabled,
  confirming,
  setConfirming,
  onRemove,
}: {
  id: string;
  what: string;
  asks: boolean;
  disabled: boolean;
  confirming: string | null;
  setConfirming: (id: string | null) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslator();
  if (confirming === id) {
    return (
      <fieldset className="remove-question">
        <legend className="visually-hidden">{t('facilitator.rubric.removeLabel', { what })}</legend>
        <span>{t('facilitator.rubric.removeQuestion')}</span>
        <button type="button" className="danger" onClick={onRemove} disabled={disabled}>
          {t('facilitator.rubric.removeConfirm')}
        </button>
        <button type="button" onClick={() => setConfirming(null)}>
          {t('facilitator.rubric.cancel')}
        </button>
      </fieldset>
    );
  }
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={t('facilitator.rubric.removeLabel', { what })}
      disabled={disabled}
      onClick={() => (asks ? setConfirming(id) : onRemove())}
    >
      ✕
    </button>
  );
}

function AddForm({
  legend,
  withName = false,
  left,
  right,
  disabled,
  onAdd,
}: {
  legend: string;
  withName?: boolean;
  left: string;
  right: string;
  disabled: boolean;
  onAdd: (text: string, column: CardColumn, name?: string) => Promise<boolean>;
}) {
  const { t } = useTranslator();
  const [name, setName] = useState('');
  const [words, setWords] = useState('');
  const [column, setColumn] = useState<CardColumn>('partnership');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (words.trim() === '' || (withName && name.trim() === '')) return;
    void onAdd(words.trim(), column, name.trim()).then((added) => {
      if (!added) return; // kept, so a refused card is not typed again
      setName('');
      setWords('');
    });
  };
  return (
    <form className="rubric-add" onSubmit={submit}>
      <fieldset>
        <legend>{legend}</legend>
        {withName && (
          <input
            type="text"
            aria-label={t('facilitator.rubric.elementName')}
            placeholder={t('facilitator.rubric.elementName')}
            maxLength={MAX_NAME}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
        <textarea
          rows={2}
          aria-label={t('facilitator.rubric.cardText')}
          placeholder={t('facilitator.rubric.cardText')}
          maxLength={MAX_CARD_TEXT}
          value={words}
          onChange={(event) => setWords(event.target.value)}
        />
        <div className="rubric-row">
          <ColumnSelect
            value={column}
            left={left}
            right={right}
            disabled={false}
            onChange={setColumn}
          />
          <button type="submit" disabled={disabled}>
            {t('facilitator.rubric.add')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
