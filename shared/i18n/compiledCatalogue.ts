/**
 * A language's catalogue compiled to ICU syntax trees, at build time (vite.config.ts), so the
 * client formats messages without parsing them: it ships no parser, and a message costs nothing
 * to prepare the first time it is shown. The pseudo-locale is compiled the same way.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, type MessageKey } from './catalogues.ts';
import type { CompiledCatalogue } from './formatter.ts';
import { type DisplayLocale, PSEUDO_LOCALE } from './locales.ts';
import { pseudoMessage } from './pseudo.ts';

export function compiledCatalogue(locale: DisplayLocale): CompiledCatalogue {
  const pseudo = locale === PSEUDO_LOCALE;
  const source = CATALOGUES[pseudo ? 'en' : locale];
  const entries = Object.entries(source).map(([key, text]) => [
    key as MessageKey,
    pseudo ? pseudoMessage(text) : parse(text),
  ]);
  return Object.fromEntries(entries) as CompiledCatalogue;
}
