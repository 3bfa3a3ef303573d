/**
 * One catalogue message with some of its arguments shown as elements (a figure in bold, a name
 * with its own `lang`). Each such argument goes in as a marker and the translated sentence is
 * split around the markers, so the sentence stays one message translators can reorder.
 */
import { createElement, Fragment, type ReactElement, type ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import type { MessageValues, Translator } from '../../shared/i18n/translator.ts';

// Private-use characters: never in a catalogue or in what people type on a board.
const MARKER = /\uE000(\d+)\uE001/;

export function richMessage(
  tr: Translator,
  key: MessageKey,
  values: MessageValues,
  parts: Readonly<Record<string, ReactNode>>,
): ReactElement {
  const names = Object.keys(parts);
  const marked: Record<string, string | number | Date | null | undefined> = { ...values };
  names.forEach((name, index) => {
    marked[name] = `\uE000${index}\uE001`;
  });
  // split() with a capture group alternates text and the captured marker numbers. The pieces
  // go in as separate children (not an array), so they need no keys.
  const pieces = tr
    .t(key, marked)
    .split(MARKER)
    .map((piece, index) => {
      const name = index % 2 === 1 ? names[Number(piece)] : undefined;
      return name === undefined ? piece : parts[name];
    })
    .filter((piece) => piece !== '');
  return createElement(Fragment, null, ...pieces);
}
