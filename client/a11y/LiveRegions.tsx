/**
 * The page's two live regions, present from the first render (a region added together with its
 * text is often not read). A repeated message alternates a trailing no-break space, so screen
 * readers see a change and read it again.
 */
import { type Politeness, useAnnouncerStore } from './announcer.ts';

function LiveRegion({ politeness }: { politeness: Politeness }) {
  const { text, serial } = useAnnouncerStore((state) => state[politeness]);
  return (
    <div
      className="visually-hidden"
      aria-live={politeness}
      aria-atomic="true"
      data-testid={`live-${politeness}`}
    >
      {text + (serial % 2 === 0 ? '' : '\u00a0')}
    </div>
  );
}

export function LiveRegions() {
  return (
    <>
      <LiveRegion politeness="polite" />
      <LiveRegion politeness="assertive" />
    </>
  );
}
