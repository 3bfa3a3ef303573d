/**
 * The agreed position a facilitator is recording, shared by the form beside the track (note,
 * save, cancel: AgreementForm.tsx) and the slider on the card's own track
 * (AgreedPositionSlider.tsx). One card at a time.
 */
import { create } from 'zustand';

export interface AgreementDraft {
  /** The card being agreed, or null when no agreement is being recorded. */
  cardId: string | null;
  /** Whole percent, 0–100. */
  value: number;
  note: string;
}

export const useAgreementDraft = create<AgreementDraft>(() => ({
  cardId: null,
  value: 50,
  note: '',
}));

export function openDraft(cardId: string, value: number, note: string): void {
  useAgreementDraft.setState({ cardId, value, note });
}

export function setDraftValue(value: number): void {
  useAgreementDraft.setState({ value: Math.min(100, Math.max(0, Math.round(value))) });
}

export function setDraftNote(note: string): void {
  useAgreementDraft.setState({ note });
}

export function closeDraft(): void {
  useAgreementDraft.setState({ cardId: null });
}

/** The form beside the track, which the slider on the track belongs to. */
export function agreementFormId(cardId: string): string {
  return `agreement-form-${cardId}`;
}

/** How far one key press moves the agreed position: 1 point, 10 with Shift. */
export function draftStep(key: string, shift: boolean, value: number): number | undefined {
  const step = shift ? 10 : 1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(100, value + step);
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, value - step);
    case 'PageUp':
      return Math.min(100, value + 10);
    case 'PageDown':
      return Math.max(0, value - 10);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    default:
      return undefined;
  }
}
