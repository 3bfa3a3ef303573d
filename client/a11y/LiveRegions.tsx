/**
 * The page's two live regions, present from the first render (a region added together with its
 * text is often not read). A repeated message alternates a trailing no-break space, so screen
 * readers see a change and read it again.
 */
import { useAnnouncerStore } from './announcer.ts';

export function LiveRegions() {
  const polite = useAnnouncerStore((state) => state.polite);
  const assertive = useAnnouncerStore((state) => state.assertive);
  return (
    <>
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-testid="live-polite"
      >
        {polite.text + (polite.serial % 2 === 0 ? '' : '\u00a0')}
      </div>
      <div
        className="visually-hidden"
        aria-live="assertive"
        aria-atomic="true"
        data-testid="live-assertive"
      >
        {assertive.text + (assertive.serial % 2 === 0 ? '' : '\u00a0')}
      </div>
    </>
  );
}
