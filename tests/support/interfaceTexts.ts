/**
 * What a page says, read from the browser: every text node and every attribute people read or
 * hear, with where it sits. And the English the Spanish board must never show: each catalogue
 * message and rubric text whose Spanish differs, messages with arguments as patterns.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { Page } from '@playwright/test';
import { CATALOGUES, type MessageKey } from '../../shared/i18n/catalogues.ts';
import { axisEnds, cardText, elementName, rubricTitle } from '../../shared/i18n/rubricText.ts';
import { translator } from '../../shared/i18n/translator.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';

export interface ShownText {
  text: string;
  /** The element it belongs to, for the failure message: `button[data-testid=x]`. */
  where: string;
}

export async function shownTexts(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const found: { text: string; where: string }[] = [];
    const placeOf = (element: Element | null): string => {
      if (!element) return '?';
      const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
      return `${element.tagName.toLowerCase()}${testId ? `[${testId}]` : ''}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // A textarea's text is its value, what a person types or edits (the facilitator's rubric
      // editor holds the rubric's own words), as an input's value is; not the interface's words.
      if (!parent || parent.closest('script, style, noscript, svg defs, textarea')) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) found.push({ text, where: placeOf(parent) });
    }
    const spoken = [
      'aria-label',
      'aria-valuetext',
      'aria-description',
      'title',
      'placeholder',
      'alt',
    ];
    for (const element of document.body.querySelectorAll('*')) {
      for (const name of spoken) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push({ text: value, where: `${placeOf(element)}@${name}` });
      }
    }
    found.push({ text: document.title, where: 'title' });
    return found;
  });
}

/** A message as a pattern: its literal parts exactly, anything where an argument goes. */
function messagePattern(elements: MessageFormatElement[]): string {
  return elements
    .map((element) =>
      element.type === TYPE.literal
        ? element.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
        : '[\\s\\S]*?',
    )
    .join('');
}

export interface EnglishText {
  what: string;
  matches: (text: string) => boolean;
}

/**
 * The English a Spanish page must not show: catalogue messages and rubric texts whose Spanish
 * is different. Messages with arguments count when their words alone are long enough to mean
 * something ("{n} of {total} people finished", not "{n} %").
 */
export function englishOnlyTexts(): EnglishText[] {
  const english = CATALOGUES.en;
  const spanish = CATALOGUES.es;
  const found: EnglishText[] = [];
  for (const key of Object.keys(english) as MessageKey[]) {
    if (english[key] === spanish[key]) continue;
    const ast = parse(english[key]);
    const literal = ast.every((element) => element.type === TYPE.literal);
    if (literal) {
      const text = english[key].replace(/\s+/g, ' ').trim();
      if (!/\p{L}{2}/u.test(text)) continue;
      found.push({ what: key, matches: (shown) => shown === text });
      continue;
    }
    const words = ast
      .filter((element) => element.type === TYPE.literal)
      .map((element) => (element.type === TYPE.literal ? element.value : ''))
      .join(' ');
    if ((words.match(/\p{L}/gu) ?? []).length < 8) continue;
    const pattern = new RegExp(`^${messagePattern(ast)}$`);
    found.push({ what: key, matches: (shown) => pattern.test(shown) });
  }
  const en = translator('en');
  const es = translator('es');
  const rubric = ELEMENTS_OF_PARTNERSHIP;
  const pairs = [
    [rubricTitle(rubric, en).text, rubricTitle(rubric, es).text],
    [axisEnds(rubric, en).left.text, axisEnds(rubric, es).left.text],
    [axisEnds(rubric, en).right.text, axisEnds(rubric, es).right.text],
    ...rubric.elements.map((element) => [
      elementName(rubric, element, en).text,
      elementName(rubric, element, es).text,
    ]),
    ...rubricCards(rubric).map((card) => [
      cardText(rubric, card, en).text,
      cardText(rubric, card, es).text,
    ]),
  ];
  for (const [english, spanish] of pairs) {
    if (!english || english === spanish) continue;
    found.push({ what: `rubric: ${english}`, matches: (shown) => shown === english });
  }
  return found;
}
