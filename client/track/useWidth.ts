/** An element's width in pixels, kept current as the screen turns or resizes. */
import { useCallback, useEffect, useState } from 'react';

export function useWidth<E extends HTMLElement>(): [(element: E | null) => void, number] {
  const [width, setWidth] = useState(0);
  const [element, setElement] = useState<E | null>(null);
  useEffect(() => {
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [useCallback((next: E | null) => setElement(next), []), width];
}
