/** The position the group agreed on for a card: a mark on its axis and the words beside it. */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import { percent } from '../format.ts';
import { cssLeft } from './dragGeometry.ts';

function withNote(agreed: FinalPosition): string {
  return agreed.note ? ` — ${agreed.note}` : '';
}

export function AgreedMarker({ agreed }: { agreed: FinalPosition }) {
  return (
    <span
      className="agreed-marker"
      data-testid="agreed-marker"
      style={{ left: cssLeft(agreed.x) }}
      title={`Agreed: ${percent(agreed.x)}${withNote(agreed)}`}
    >
      <span className="visually-hidden">Agreed position {percent(agreed.x)}</span>
    </span>
  );
}

export function AgreedText({ agreed }: { agreed: FinalPosition }) {
  return (
    <span className="agreed-text" data-testid="agreed-text">
      agreed {percent(agreed.x)}
      {withNote(agreed)}
    </span>
  );
}
