/**
 * While the facilitator has chosen the room's languages, this screen speaks the first of them
 * everywhere (the figures, the timer and the status too, not only the wall's own texts), without
 * remembering it as this browser's pick: when the choice goes back to "each screen's own", the
 * language picked here returns.
 */
import { useEffect } from 'react';
import { useLocaleStore } from '../i18n/localeStore.ts';
import { useBoard } from '../state/BoardContext.tsx';

export function useWallLocale(): void {
  const first = useBoard((state) => state.control.roomLanguages?.[0] ?? null);
  useEffect(() => {
    if (!first) return;
    const own = useLocaleStore.getState().locale;
    // setState, not setLocale: the room's choice is not this browser's preference.
    useLocaleStore.setState({ locale: first });
    return () => useLocaleStore.setState({ locale: own });
  }, [first]);
}
