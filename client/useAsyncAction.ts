/**
 * One request a person started: `busy` while it runs (to disable the button), and its failure
 * as a sentence in the reader's language, with the form field at fault where there is one. The
 * server's errors are worded from their codes (apiErrorText.ts); anything unexpected gets the
 * caller's fallback (already translated). The failure is kept, not its words, so switching the
 * language re-words it.
 */
import { useCallback, useState } from 'react';
import type { Translator } from '../shared/i18n/translator.ts';
import { ApiError, UNREACHABLE_STATUS } from './api.ts';
import { apiErrorText } from './apiErrorText.ts';
import { useTranslator } from './i18n/useTranslator.ts';

/** A failure found on this device, worded when shown. */
export class WordedError extends Error {
  constructor(
    readonly words: (tr: Translator) => string,
    readonly field: string | null = null,
  ) {
    // i18n-exempt: never shown, `words` is
    super('worded error');
  }
}

export function failureText(tr: Translator, caught: unknown, fallback: string): string {
  if (caught instanceof WordedError) return caught.words(tr);
  if (caught instanceof ApiError) {
    return caught.status === UNREACHABLE_STATUS
      ? tr.t('server.api.unreachable')
      : apiErrorText(tr, caught.code);
  }
  return fallback;
}

export function useAsyncAction(fallback: string) {
  const tr = useTranslator();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ caught: unknown } | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (caught) {
      setFailure({ caught });
    } finally {
      setBusy(false);
    }
  }, []);
  const error = failure ? failureText(tr, failure.caught, fallback) : null;
  const caught = failure?.caught;
  const field =
    caught instanceof ApiError || caught instanceof WordedError ? (caught.field ?? null) : null;
  return { busy, error, field, run };
}
