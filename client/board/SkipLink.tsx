/**
 * "Skip to the board": the page's first focusable element, hidden until focused, that moves the
 * focus past the header and its tools to the lanes. The fragment holds the board's token, so the
 * link focuses the lanes itself instead of changing the address.
 */
import { useTranslator } from '../i18n/useTranslator.ts';

/** The lanes' container: the skip link's target. */
export const BOARD_LANES_ID = 'board-lanes';

export function SkipLink() {
  const { t } = useTranslator();
  return (
    <a
      className="skip-link"
      href={`#${BOARD_LANES_ID}`}
      data-testid="skip-link"
      onClick={(event) => {
        event.preventDefault();
        const lanes = document.getElementById(BOARD_LANES_ID);
        if (!lanes) return;
        lanes.focus({ preventScroll: true });
        lanes.scrollIntoView({ block: 'start' });
      }}
    >
      {t('board.skipLink')}
    </a>
  );
}
