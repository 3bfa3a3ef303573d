/**
 * The facilitator's and the projector's messages format in both languages with the arguments
 * their components give (a broken ICU message would show its source to the room).
 */
import { describe, expect, it } from 'vitest';
import { facilitator } from '../../../shared/i18n/messages/en/facilitator.ts';
import { projector } from '../../../shared/i18n/messages/en/projector.ts';
import { onTranslationError, translator } from '../../../shared/i18n/translator.ts';

const VALUES = {
  count: 2,
  shown: '2',
  finished: '21',
  total: 29,
  placed: 1,
  share: '40%',
  round: 2,
  seconds: 3,
  element: 'Trust',
  phase: 'Placing',
  page: 1,
  pages: 2,
  position: '70%',
  card: 'A card',
  where: 'median 70%',
  label: 'strong agreement',
  minutes: 5,
  status: 500,
  name: 'Ana',
  host: 'room.local',
  setting: 'PUBLIC_URL',
  url: 'http://room.local/join/x',
  first: 'English',
  second: 'Español',
  end: 'Vendor/Contractor',
  what: 'A card',
  by: 'Ana',
  title: 'Autumn retreat',
  date: '2 Mar 2026',
  matched: 47,
};

describe('facilitator and projector catalogues', () => {
  it('format every message in English and Spanish without errors', () => {
    const errors: string[] = [];
    onTranslationError((message) => errors.push(message));
    for (const locale of ['en', 'es'] as const) {
      const tr = translator(locale);
      for (const key of [...Object.keys(facilitator), ...Object.keys(projector)]) {
        const text = tr.t(key as keyof typeof facilitator, VALUES);
        expect(text, `${locale} ${key}`).not.toBe(key);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
    expect(errors).toEqual([]);
  });

  it('says the big counts with plurals in each language', () => {
    expect(translator('en').t('projector.progress.joined', { count: 1, shown: '1' })).toBe(
      '1 person has joined',
    );
    expect(translator('es').t('projector.progress.joined', { count: 3, shown: '3' })).toBe(
      '3 personas han entrado',
    );
    expect(translator('en').t('projector.focus.coverage', { placed: 6, total: 7 })).toBe(
      '6 of 7 have placed this card',
    );
  });
});
