import { describe, expect, it } from 'vitest';
import { draftStep } from '../../../client/track/agreementDraft.ts';
import { positionBand, positionWords } from '../../../client/track/positionWords.ts';
import { translator } from '../../../shared/i18n/translator.ts';

const english = { left: 'Vendor/Contractor', right: 'High Performance Partnership' };
const spanish = { left: 'Proveedor/Contratista', right: 'Alianza de Alto Rendimiento' };

describe('positionBand', () => {
  it('names the ends, the stretches near them and the middle', () => {
    expect(positionBand(0)).toBe('atLeft');
    expect(positionBand(0.1)).toBe('nearLeft');
    expect(positionBand(0.3)).toBe('none');
    expect(positionBand(0.45)).toBe('middle');
    expect(positionBand(0.6)).toBe('middle');
    expect(positionBand(0.72)).toBe('none');
    expect(positionBand(0.9)).toBe('nearRight');
    expect(positionBand(1)).toBe('atRight');
  });
});

describe('positionWords', () => {
  it('says the percentage toward the right end, in English', () => {
    const tr = translator('en');
    expect(positionWords(tr, english, 0.72)).toBe('72% toward High Performance Partnership');
    expect(positionWords(tr, english, 0.05)).toBe(
      '5% toward High Performance Partnership, near Vendor/Contractor',
    );
    expect(positionWords(tr, english, 0.5)).toBe(
      '50% toward High Performance Partnership, in the middle',
    );
    expect(positionWords(tr, english, 1)).toBe(
      '100% toward High Performance Partnership, at the High Performance Partnership end',
    );
    expect(positionWords(tr, english, null)).toBe('not placed yet, in the tray');
  });

  it('says it in Spanish with Spanish number formatting', () => {
    const tr = translator('es');
    expect(positionWords(tr, spanish, 0.72)).toBe('72\u00a0% hacia Alianza de Alto Rendimiento');
    expect(positionWords(tr, spanish, 0)).toBe(
      '0\u00a0% hacia Alianza de Alto Rendimiento, en el extremo Proveedor/Contratista',
    );
    expect(positionWords(tr, spanish, null)).toBe('aún sin colocar, en la bandeja');
  });
});

describe('draftStep (the agreed position on the keyboard)', () => {
  it('moves one point, ten with Shift, and stops at the ends', () => {
    expect(draftStep('ArrowRight', false, 50)).toBe(51);
    expect(draftStep('ArrowLeft', true, 50)).toBe(40);
    expect(draftStep('ArrowRight', true, 95)).toBe(100);
    expect(draftStep('ArrowDown', true, 4)).toBe(0);
    expect(draftStep('Home', false, 50)).toBe(0);
    expect(draftStep('End', false, 50)).toBe(100);
    expect(draftStep('a', false, 50)).toBeUndefined();
  });
});
