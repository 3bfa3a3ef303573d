import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  initialTextColor,
  relativeLuminance,
} from '../../../client/avatarContrast.ts';
import { PARTICIPANT_COLORS } from '../../../shared/palette.ts';

const ratio = (a: string, b: string) =>
  contrastRatio(relativeLuminance(a) ?? Number.NaN, relativeLuminance(b) ?? Number.NaN);

describe("an avatar initial's colour", () => {
  it('is black on yellow and sky blue, white on blue and black', () => {
    expect(initialTextColor('#F0E442')).toBe('#000000');
    expect(initialTextColor('#56B4E9')).toBe('#000000');
    expect(initialTextColor('#E69F00')).toBe('#000000');
    expect(initialTextColor('#0072B2')).toBe('#ffffff');
    expect(initialTextColor('#000000')).toBe('#ffffff');
  });

  it.each(PARTICIPANT_COLORS)('reads at 4.5 : 1 or better on %s', (color) => {
    expect(ratio(initialTextColor(color), color)).toBeGreaterThanOrEqual(4.5);
  });

  it('reads three-digit colours and stays white for what it cannot read', () => {
    expect(initialTextColor('#ff0')).toBe('#000000');
    expect(initialTextColor('rebeccapurple')).toBe('#ffffff');
  });

  it('measures contrast as WCAG does', () => {
    expect(ratio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(ratio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
