/**
 * The facilitator's Export menu: the snapshot (JSON) and CSVs from the server, the picture of
 * the board (SVG, PNG) drawn here from what the board shows, the printable report, and deleting
 * the board. Works at any moment of the session. Loaded lazily: only facilitators need it.
 */
import { useState } from 'react';
import { boardPictureSvg } from '../../shared/boardPicture.ts';
import { exportFileName } from '../../shared/exportFile.ts';
import { rubricLanguages } from '../../shared/i18n/rubricText.ts';
import { api } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { FormError } from '../FormError.tsx';
import { useRoomTranslators, useTranslator } from '../i18n/useTranslator.ts';
import { forgetIdentity } from '../identity.ts';
import { navigate } from '../routes.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { boardPictureInput } from '../state/boardPictureInput.ts';
import { useAsyncAction } from '../useAsyncAction.ts';
import { BaselineSection } from './BaselineSection.tsx';
import { downloadWithToken, saveBlob, svgToPng } from './download.ts';

export default function ExportMenu() {
  const { boardId, me, store } = useBoardContext();
  const [anonymous, setAnonymous] = useState(false);
  // The picture's "since last retreat" view, offered on a board with a baseline.
  const hasBaseline = useBoard((state) => state.baseline !== null);
  const [sinceView, setSinceView] = useState(false);
  const tr = useTranslator();
  const { t } = tr;
  const { busy, error, run } = useAsyncAction(t('facilitator.export.failed'));
  // Files are made in the report's language: the room's first, else the facilitator's own.
  const [fileTr] = useRoomTranslators(useBoard((state) => state.control.roomLanguages));
  const fileLanguage = fileTr?.language ?? tr.language;
  // The languages the rubric has every text in, its own first: another gets the rubric's own.
  const rubric = useBoard((state) => state.meta?.rubric);
  const csvLanguages = rubric ? rubricLanguages(rubric) : [];

  // The same names as the server gives its files: title slug, date, what it is.
  const fileName = (name: string) =>
    exportFileName(store.getState().meta?.title ?? 'board', new Date().toISOString(), name);
  const fromServer = (file: string) =>
    run(() =>
      downloadWithToken(
        `/api/boards/${encodeURIComponent(boardId)}/${file}?${fileQuery(file)}`,
        me.token,
        fileName(file),
      ),
    );
  const fileQuery = (file: string) => {
    const query = new URLSearchParams();
    if (anonymous) query.set('anonymous', '1');
    // The CSV files carry the rubric's texts; their columns stay the machine's English.
    if (
      file.endsWith('.csv') &&
      csvLanguages.includes(fileLanguage) &&
      fileLanguage !== csvLanguages[0]
    ) {
      query.set('lang', fileLanguage);
    }
    return query.toString();
  };
  const picture = () => {
    const input = boardPictureInput(
      store.getState(),
      me.role,
      undefined,
      fileTr,
      hasBaseline && sinceView,
    );
    if (!input) throw new Error(t('facilitator.export.notLoaded'));
    return boardPictureSvg(input);
  };

  return (
    <Popover
      label={t('facilitator.export.button')}
      panelClassName="export-body"
      testId="export-menu"
      align="end"
    >
      <div className="export-inner">
        <label className="toggle">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(event) => setAnonymous(event.target.checked)}
          />
          {t('facilitator.export.anonymise')}{' '}
          <span className="hint">{t('facilitator.export.anonymiseHint')}</span>
        </label>
        {hasBaseline && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={sinceView}
              onChange={(event) => setSinceView(event.target.checked)}
            />
            {t('facilitator.export.sinceView')}
          </label>
        )}
        <div className="export-buttons">
          <button type="button" disabled={busy} onClick={() => fromServer('snapshot.json')}>
            {t('facilitator.export.snapshot')}
          </button>
          <button type="button" disabled={busy} onClick={() => fromServer('placements.csv')}>
            {t('facilitator.export.placements')}
          </button>
          <button type="button" disabled={busy} onClick={() => fromServer('cards.csv')}>
            {t('facilitator.export.cards')}
          </button>
          <button type="button" disabled={busy} onClick={() => fromServer('rubric.json')}>
            {t('facilitator.export.rubric')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                saveBlob(new Blob([picture()], { type: 'image/svg+xml' }), fileName('board.svg'));
              })
            }
          >
            {t('facilitator.export.svg')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                saveBlob(await svgToPng(picture()), fileName('board.png'));
              })
            }
          >
            {t('facilitator.export.png')}
          </button>
          <a className="button-link" href={`/b/${boardId}/report`} target="_blank" rel="noopener">
            {t('facilitator.export.report')}
            <span className="visually-hidden"> {t('facilitator.export.newTab')}</span>
          </a>
        </div>
        <BaselineSection />
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(t('facilitator.export.deleteQuestion'))) {
              return;
            }
            void run(async () => {
              await api.deleteBoard(boardId, me.token);
              forgetIdentity(boardId);
              navigate('/');
            });
          }}
        >
          {t('facilitator.export.delete')}
        </button>
        <FormError error={error} />
      </div>
    </Popover>
  );
}
