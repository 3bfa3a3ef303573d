/**
 * Whether this screen is phone-sized (the width board.css switches to one element at a time).
 * Phones show the timer and connection in a sticky mini-bar instead of the header, rendered in
 * one place only so each has one element on the page.
 */
import { useSyncExternalStore } from 'react';

const PHONE = '(max-width: 600px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches);
}
