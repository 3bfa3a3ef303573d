/**
 * Progress on one element in the open round, for its tab and its lane header: a participant
 * sees their own cards ("3/8", a check once all are placed), the facilitator the room ("21/29
 * finished": people who placed every one of the element's round cards). Counted in
 * shared/elementProgress.ts.
 */
import { ownElementProgress, roomElementProgress } from '../../shared/elementProgress.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import type { BoardState } from '../state/boardStore.ts';

export interface LaneProgress {
  whose: 'own' | 'room';
  done: number;
  of: number;
}

/** "done/of" as one string, so the store's selector returns a value React can compare. */
function encode(progress: LaneProgress | null): string {
  return progress ? `${progress.whose}:${progress.done}/${progress.of}` : '';
}

function decode(value: string): LaneProgress | null {
  const match = /^(own|room):(\d+)\/(\d+)$/.exec(value);
  if (!match) return null;
  return { whose: match[1] as LaneProgress['whose'], done: Number(match[2]), of: Number(match[3]) };
}

/** The element's progress for this viewer while placing, or null when there is none to show. */
export function useLaneProgress(element: RubricElement): LaneProgress | null {
  const { me } = useBoardContext();
  const encoded = useBoard((state: BoardState) => {
    // Once placing closes, the group's figures take over from the to-do count.
    if (state.control.phase !== 'placing') return '';
    const input = {
      cardIds: element.cards.map((card) => card.id),
      control: state.control,
      roundOf: (cardId: string) => state.stats[cardId]?.round ?? 1,
      placements: state.placements,
    };
    if (me.role === 'participant') {
      const own = ownElementProgress({ ...input, participantId: me.participantId });
      return own.total > 0 ? encode({ whose: 'own', done: own.placed, of: own.total }) : '';
    }
    if (me.role === 'facilitator') {
      const room = roomElementProgress({ ...input, participants: state.participants });
      return room.roundSize > 0 && room.people > 0
        ? encode({ whose: 'room', done: room.finished, of: room.people })
        : '';
    }
    return '';
  });
  return decode(encoded);
}

/** The short form on a tab: "3/8", or a check once complete. */
export function TabProgress({ progress }: { progress: LaneProgress | null }) {
  const { t } = useTranslator();
  if (!progress) return null;
  const complete = progress.done >= progress.of;
  const counts = { done: progress.done, of: progress.of };
  const words =
    progress.whose === 'own'
      ? t('board.progress.tabOwn', counts)
      : t('board.progress.tabRoom', counts);
  return (
    <span
      className={`tab-progress${complete ? ' complete' : ''}`}
      data-testid="tab-progress"
      data-complete={complete}
    >
      <span aria-hidden="true">
        {complete && progress.whose === 'own' ? '✓' : `${progress.done}/${progress.of}`}
      </span>
      <span className="visually-hidden">, {words}</span>
    </span>
  );
}

/** The long form on the lane's header. */
export function LaneProgressText({ progress }: { progress: LaneProgress | null }) {
  const { t } = useTranslator();
  if (!progress) return null;
  const complete = progress.done >= progress.of;
  const counts = { done: progress.done, of: progress.of };
  return (
    <p className={`lane-progress${complete ? ' complete' : ''}`} data-testid="lane-progress">
      {progress.whose === 'own'
        ? complete
          ? t('board.progress.laneOwnDone', counts)
          : t('board.progress.laneOwn', counts)
        : t('board.progress.laneRoom', counts)}
    </p>
  );
}
