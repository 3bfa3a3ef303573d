/**
 * An element's width in pixels, kept current as the screen turns or resizes. A ResizeObserver
 * reports it once the browser has laid the page out, so a first screen is painted without
 * waiting for it. Only while `neededNow` (what is drawn depends on the width: a stack of dots)
 * is an unknown width read at once, before that paint, which makes the browser lay out there and
 * then: on a slow phone the whole first layout, at a time nothing else needs it.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export function useWidth<E extends HTMLElement>(
  neededNow: boolean,
): [(element: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const element = useRef<E | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback((next: E | null) => {
    observer.current?.disconnect();
    observer.current = null;
    element.current = next;
    if (!next) return;
    const watching = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    watching.observe(next);
    observer.current = watching;
  }, []);
  useLayoutEffect(() => {
    if (neededNow && width === 0 && element.current) {
      setWidth(element.current.getBoundingClientRect().width);
    }
  }, [neededNow, width]);
  return [measure, width];
}
