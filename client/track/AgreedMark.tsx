/** The position the group agreed on for a card: a mark on its axis and the words beside it. */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { cssLeft } from './dragGeometry.ts';

export function AgreedMarker({ agreed }: { agreed: FinalPosition }) {
  const tr = useTranslator();
  const position = tr.percent(agreed.x);
  return (
    <span
      className="agreed-marker"
      data-testid="agreed-marker"
      style={{ left: cssLeft(agreed.x) }}
      title={
        agreed.note
          ? tr.t('track.agreed.titleWithNote', { position, note: agreed.note })
          : tr.t('track.agreed.title', { position })
      }
    >
      <span className="visually-hidden">{tr.t('track.agreed.hidden', { position })}</span>
    </span>
  );
}

export function AgreedText({ agreed }: { agreed: FinalPosition }) {
  const tr = useTranslator();
  const position = tr.percent(agreed.x);
  return (
    <span className="agreed-text" data-testid="agreed-text">
      {agreed.note
        ? tr.t('track.agreed.textWithNote', { position, note: agreed.note })
        : tr.t('track.agreed.text', { position })}
    </span>
  );
}
