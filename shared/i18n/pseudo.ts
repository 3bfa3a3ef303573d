/**
 * The pseudo-locale: every literal part of an English message with its letters accented and the
 * whole wrapped in ⟦ ⟧ (arguments, plurals and numbers keep working). A test page shown in it
 * proves every word on screen came through a catalogue: anything plain is text written in code.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { pseudoText } from './pseudoText.ts';

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoMessage(message: string): MessageFormatElement[] {
  const literal = (value: string): MessageFormatElement => ({ type: TYPE.literal, value });
  return [literal(PSEUDO_OPEN), ...accentAll(parse(message)), literal(PSEUDO_CLOSE)];
}

function accentAll(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: pseudoText(element.value) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(
            Object.entries(element.options).map(([key, option]) => [
              key,
              { ...option, value: accentAll(option.value) },
            ]),
          ),
        };
      case TYPE.tag:
        return { ...element, children: accentAll(element.children) };
      default:
        return element;
    }
  });
}
