/**
 * The colour of a person's initial on their avatar colour: black or white, whichever contrasts
 * more by WCAG 2's formula (white initials on yellow or sky blue fall far below 4.5 : 1).
 */
import type { CSSProperties } from 'react';

const BLACK = '#000000';
const WHITE = '#ffffff';

/** WCAG relative luminance of `#rgb` or `#rrggbb`; null for anything else. */
export function relativeLuminance(color: string): number | null {
  const hex = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(color.trim())?.[1];
  if (hex === undefined) return null;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((at) => {
    const channel = Number.parseInt(full.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two luminances (1 to 21). */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Black or white, whichever reads better on `background`; white for a colour it cannot read. */
export function initialTextColor(background: string): string {
  const luminance = relativeLuminance(background);
  if (luminance === null) return WHITE;
  return contrastRatio(luminance, 1) >= contrastRatio(luminance, 0) ? WHITE : BLACK;
}

/** An avatar's initial: its colour, and no shadow (a dark halo blurs a black letter). */
export function initialStyle(background: string): CSSProperties {
  return { background, color: initialTextColor(background), textShadow: 'none' };
}
