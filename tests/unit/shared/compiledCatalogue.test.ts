/**
 * The client formats messages compiled at build time (shared/i18n/compiledCatalogue.ts, shipped
 * as JSON) without a parser: every message, in every language and the pseudo-locale, must come
 * out word for word as the catalogue's own text does.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type MessageKey } from '../../../shared/i18n/catalogues.ts';
import { compiledCatalogue } from '../../../shared/i18n/compiledCatalogue.ts';
import { type CompiledCatalogue, createTranslator } from '../../../shared/i18n/formatter.ts';
import { type DisplayLocale, LOCALES, PSEUDO_LOCALE } from '../../../shared/i18n/locales.ts';
import { translator } from '../../../shared/i18n/translator.ts';

const keys = Object.keys(CATALOGUES.en) as MessageKey[];

/** A value for every argument: 3 where it is counted, a word otherwise. */
function sampleValues(elements: MessageFormatElement[], values: Record<string, string | number>) {
  for (const element of elements) {
    if (element.type === TYPE.number || element.type === TYPE.plural) values[element.value] = 3;
    else if (element.type === TYPE.date || element.type === TYPE.time) values[element.value] = 0;
    else if (element.type === TYPE.argument || element.type === TYPE.select)
      values[element.value] ??= 'other';
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) sampleValues(option.value, values);
    }
    if (element.type === TYPE.tag) sampleValues(element.children, values);
  }
  return values;
}

describe('compiled catalogues', () => {
  it.each([...LOCALES, PSEUDO_LOCALE] as DisplayLocale[])(
    'formats every %s message as its text does, from JSON, without parsing',
    (locale) => {
      const shipped = JSON.parse(JSON.stringify(compiledCatalogue(locale))) as CompiledCatalogue;
      const compiled = createTranslator(locale, shipped);
      const text = translator(locale);
      expect(Object.keys(shipped).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const values = sampleValues(parse(CATALOGUES.en[key]), {});
        expect(compiled.t(key, values), key).toBe(text.t(key, values));
      }
    },
  );
});
