/**
 * One request a person started: `busy` while it runs (to disable the button), and its failure
 * as a sentence to show. The server's messages are shown as they are; anything unexpected gets
 * the caller's fallback.
 */
import { useCallback, useState } from 'react';
import { ApiError } from './api.ts';

export function useAsyncAction(fallback: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (caught) {
        setError(caught instanceof ApiError ? caught.message : fallback);
      } finally {
        setBusy(false);
      }
    },
    [fallback],
  );
  return { busy, error, run };
}
