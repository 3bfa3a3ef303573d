/**
 * The languages the wall speaks: the ones the facilitator chose for the room (one, or two side
 * by side for a bilingual room), else this screen's own (its language picker).
 */
import type { Translator } from '../../shared/i18n/translator.ts';
import { useRoomTranslators } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';

export function useWallTranslators(): Translator[] {
  return useRoomTranslators(useBoard((state) => state.control.roomLanguages));
}
