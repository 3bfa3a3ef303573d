/** The server's error codes in words: every code has its own, in both languages. */
import { describe, expect, it } from 'vitest';
import { API_ERROR_KEYS, apiErrorText } from '../../../client/apiErrorText.ts';
import { translator } from '../../../shared/i18n/translator.ts';

const en = translator('en');
const es = translator('es');

describe('API error texts', () => {
  it.each(Object.keys(API_ERROR_KEYS))('%s has words of its own in English and Spanish', (code) => {
    const english = apiErrorText(en, code);
    const spanish = apiErrorText(es, code);
    expect(english).not.toBe(en.t('error.generic'));
    expect(spanish).not.toBe(es.t('error.generic'));
    expect(spanish).not.toBe(english);
    expect(`${english} ${spanish}`).not.toMatch(/[{}]/); // every argument filled in
  });

  it('give the general sentence for an unknown or missing code', () => {
    expect(apiErrorText(es, 'somethingNew')).toBe('Algo salió mal. Inténtalo de nuevo.');
    expect(apiErrorText(en, null)).toBe('Something went wrong. Please try again.');
    expect(apiErrorText(en, undefined)).toBe(en.t('error.generic'));
    expect(apiErrorText(en, 'toString')).toBe(en.t('error.generic'));
  });

  it('name the limits they are about', () => {
    expect(apiErrorText(en, 'nameTooLong')).toBe('Please keep the name to 60 characters or fewer.');
    expect(apiErrorText(es, 'titleTooLong')).toBe(
      'El título puede tener como máximo 200 caracteres.',
    );
  });
});
