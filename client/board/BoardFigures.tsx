/** The whole board in two figures: where the partnership stands and how far the group agrees. */

import { distributionVisible } from '../../shared/visibility.ts';
import { agreementText, percent } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function BoardFigures() {
  const { me } = useBoardContext();
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  const board = useBoard((state) => state.board);
  if (!visible || board.position === null) return null;
  return (
    <span className="board-figures" data-testid="board-figures">
      Overall <strong>{percent(board.position)}</strong> toward partnership · agreement{' '}
      {agreementText(board.rwg)}
    </span>
  );
}
