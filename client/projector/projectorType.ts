/**
 * Type sizes on the projector, in proportion to the screen's height so that a 1280×720 and a
 * 1920×1080 projector show the same picture on the wall: card text at least 18 px at 1080 lines
 * (12 px at 720), which reads from the back of a room of 30 on a 3 m wide picture.
 */
export const MIN_CARD_TEXT_AT_1080 = 18;
const MAX_CARD_TEXT_AT_1080 = 28;

export function projectorFontRange(viewportHeight: number): {
  minFontPx: number;
  maxFontPx: number;
} {
  const scale = viewportHeight / 1080;
  return {
    minFontPx: Math.max(12, Math.round(MIN_CARD_TEXT_AT_1080 * scale)),
    maxFontPx: Math.max(12, Math.round(MAX_CARD_TEXT_AT_1080 * scale)),
  };
}
