/** The whole board in two figures: where the partnership stands and how far the group agrees. */

import { distributionVisible } from '../../shared/visibility.ts';
import { agreementWords } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { SinceText } from '../track/SinceBaseline.tsx';
import { richMessage } from './richMessage.tsx';

export function BoardFigures() {
  const { me } = useBoardContext();
  const tr = useTranslator();
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  const board = useBoard((state) => state.board);
  const since = useBoard((state) => state.since.board);
  if (!visible || board.position === null) return null;
  return (
    <span className="board-figures" data-testid="board-figures">
      {richMessage(
        tr,
        'board.figures.overall',
        { agreement: agreementWords(tr, board.rwg) },
        { position: <strong>{tr.percent(board.position)}</strong> },
      )}
      {since && (
        <>
          {' · '}
          <SinceText since={since} />
        </>
      )}
    </span>
  );
}
