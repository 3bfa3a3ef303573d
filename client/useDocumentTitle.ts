/** The tab's title, in the page's language: set while the page shows, and again on a switch. */
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
