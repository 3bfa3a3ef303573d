/**
 * True once the connection has been down (offline or refused) for a while: a blip while a
 * laptop's Wi-Fi roams should not put "Reconnecting…" over the wall.
 */
import { useEffect, useState } from 'react';
import { useBoard } from '../state/BoardContext.tsx';

export const OUTAGE_NOTICE_MS = 4000;

export function useLongOutage(): boolean {
  const status = useBoard((state) => state.status);
  const down = status === 'offline' || status === 'error';
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (!down) {
      setLong(false);
      return;
    }
    const timer = window.setTimeout(() => setLong(true), OUTAGE_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [down]);
  return long;
}
