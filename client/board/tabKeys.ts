/**
 * Where a key press moves the focus in a row of tabs (the WAI-ARIA tabs pattern): the arrows to
 * the previous or next tab, wrapping round, Home and End to the first and last. Pure.
 */
export function tabIndexForKey(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
