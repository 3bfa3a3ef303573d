/**
 * The board's header, compact whatever the size of the room: the skip link, the title, the
 * phase, the room in counts (the people list one click away), the board's figures, view switches
 * and what to discuss next, the timer and connection (on phones those live in the sticky
 * mini-bar instead), who this screen is, the language, and for the facilitator the bar of tools
 * (loaded lazily: participants' phones load less). At 1280 px the facilitator's header is two
 * rows, at most 120 px. It also says the board's changes to screen readers.
 */
import { lazy, Suspense } from 'react';
import { shownName } from '../../shared/i18n/serverNames.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { forgetIdentity } from '../identity.ts';
import { ProposeCard } from '../proposals/ProposeCard.tsx';
import { ReplayToggle } from '../replay/ReplayToggle.tsx';
import { navigate } from '../routes.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { BoardFigures } from './BoardFigures.tsx';
import { DiscussNext } from './DiscussNext.tsx';
import { FollowToggle } from './FollowToggle.tsx';
import { PhaseStepper } from './PhaseStepper.tsx';
import { RoomProgress } from './RoomProgress.tsx';
import { SkipLink } from './SkipLink.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TimerDisplay } from './TimerDisplay.tsx';
import { BoardAnnouncements } from './useBoardAnnouncements.ts';
import { useIsPhone } from './useIsPhone.ts';
import { ViewToggle } from './ViewToggle.tsx';

// i18n-exempt: the product's name, the same in every language
const PRODUCT_NAME = 'Continuum';

const FacilitatorTools = lazy(() => import('../facilitator/FacilitatorTools.tsx'));

export function BoardHeader() {
  const tr = useTranslator();
  const { t } = tr;
  const title = useBoard((state) => state.meta?.title ?? '');
  const { me, boardId } = useBoardContext();
  const phone = useIsPhone();
  const facilitator = me.role === 'facilitator';
  return (
    <header className="board-header" data-testid="board-header">
      <SkipLink />
      <BoardAnnouncements />
      <div className="board-title-row">
        <h1 className="board-title" title={title || undefined}>
          {title || PRODUCT_NAME}
        </h1>
        {!facilitator && <PhaseStepper />}
        <RoomProgress />
        <BoardFigures />
        <ViewToggle />
        {facilitator && <ReplayToggle />}
        <FollowToggle />
        <DiscussNext />
        <ProposeCard />
        {/* The facilitator's sound switch is in the Timer panel, to keep this row short. */}
        {!phone && <TimerDisplay withSound={!facilitator} />}
        {!phone && <StatusBadge />}
        {!facilitator && (
          <span className="whoami">
            {me.role === 'observer'
              ? t('board.header.watching')
              : t('board.header.youAre', { name: shownName(tr, me) })}
            <span aria-hidden="true"> · </span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                forgetIdentity(boardId);
                navigate(`/join/${boardId}`);
              }}
            >
              {t('board.header.notYou')}
            </button>
          </span>
        )}
        <LanguagePicker className="board-language" />
      </div>
      {facilitator && (
        <Suspense fallback={<div className="facilitator-bar" />}>
          <FacilitatorTools />
        </Suspense>
      )}
    </header>
  );
}
