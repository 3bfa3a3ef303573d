/** The board's people by the names lists show (displayNames.ts), recomputed when they change. */
import { useMemo } from 'react';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { displayNames } from './displayNames.ts';

export function useDisplayNames(): Record<string, string> {
  const participants = useBoard((state) => state.participants);
  const tr = useTranslator();
  return useMemo(() => displayNames(participants, tr), [participants, tr]);
}
