import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type MessageKey } from '../../../shared/i18n/catalogues.ts';
import { LOCALES, matchLocale, PSEUDO_LOCALE } from '../../../shared/i18n/locales.ts';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../../shared/i18n/pseudo.ts';
import { translator } from '../../../shared/i18n/translator.ts';

/** Every argument a message uses, with whether it is counted (plural/number) or plain. */
function argumentsOf(
  elements: MessageFormatElement[],
  found = new Map<string, 'count' | 'text'>(),
) {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        if (!found.has(element.value)) found.set(element.value, 'text');
        break;
      case TYPE.number:
      case TYPE.plural:
        found.set(element.value, 'count');
        break;
      case TYPE.date:
      case TYPE.time:
        found.set(element.value, 'count');
        break;
      case TYPE.select:
        if (!found.has(element.value)) found.set(element.value, 'text');
        break;
      case TYPE.tag:
        argumentsOf(element.children, found);
        break;
      default:
        break;
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

const english = CATALOGUES.en;
const keys = Object.keys(english) as MessageKey[];

function sampleValues(key: MessageKey): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, kind] of argumentsOf(parse(english[key]))) {
    values[name] = kind === 'count' ? 2 : 'x';
  }
  return values;
}

describe('message catalogues', () => {
  it('has messages in English and every shipped language', () => {
    expect(keys.length).toBeGreaterThan(10);
    for (const locale of LOCALES)
      expect(Object.keys(CATALOGUES[locale]).sort()).toEqual([...keys].sort());
  });

  it.each(LOCALES)(
    'every %s message parses, is not empty and uses the English arguments',
    (locale) => {
      for (const key of keys) {
        const message = CATALOGUES[locale][key];
        expect(message.trim(), key).not.toBe('');
        expect(message, key).toBe(message.trim());
        const ours = argumentsOf(parse(message));
        const source = argumentsOf(parse(english[key]));
        expect([...ours.keys()].sort(), key).toEqual([...source.keys()].sort());
      }
    },
  );

  it.each(LOCALES)('every %s message formats with its arguments', (locale) => {
    const tr = translator(locale);
    for (const key of keys) {
      const text = tr.t(key, sampleValues(key));
      expect(text, key).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it('shows every message bracketed and accented in the pseudo-locale, arguments intact', () => {
    const tr = translator(PSEUDO_LOCALE);
    for (const key of keys) {
      const text = tr.t(key, sampleValues(key));
      expect(text.startsWith(PSEUDO_OPEN) && text.endsWith(PSEUDO_CLOSE), key).toBe(true);
    }
    expect(tr.t('phase.placing')).toBe(`${PSEUDO_OPEN}Þĺàçíñĝ${PSEUDO_CLOSE}`);
  });
});

describe('locale formats', () => {
  it('formats percentages and numbers for the locale', () => {
    expect(translator('en').percent(0.724)).toBe('72%');
    expect(translator('es').percent(0.724)).toBe('72\u00a0%');
    expect(translator('es').number(1234.5)).toBe('1234,5');
    expect(translator('en').list(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(translator('es').list(['a', 'b', 'c'])).toBe('a, b y c');
  });

  it('says a signed change in points in each language', () => {
    expect(
      translator('en').t('figure.signedPoints', { points: 12, sign: '+', magnitude: 12 }),
    ).toBe('+12 pts');
    expect(translator('en').t('figure.signedPoints', { points: -1, sign: '−', magnitude: 1 })).toBe(
      '−1 pt',
    );
    expect(translator('es').t('figure.signedPoints', { points: 0, sign: '±', magnitude: 0 })).toBe(
      '±0 pp',
    );
  });

  it('follows the browser: the first shipped language among its preferences', () => {
    expect(matchLocale(['es-MX', 'en'])).toBe('es');
    expect(matchLocale(['fr-FR', 'es'])).toBe('es');
    expect(matchLocale(['de'])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });
});
