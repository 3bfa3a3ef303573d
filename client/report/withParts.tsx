/**
 * A translated sentence with parts that need their own element (a rubric text with its `lang`,
 * a figure in bold): the message is formatted with a marker per part, then split around them,
 * so the sentence keeps the translation's word order.
 */
import { Fragment, type ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import type { MessageValues, Translator } from '../../shared/i18n/translator.ts';

const MARK = '\u0001';

export function withParts(
  tr: Translator,
  key: MessageKey,
  values: MessageValues,
  parts: Readonly<Record<string, ReactNode>>,
): ReactNode {
  const marked = Object.fromEntries(
    Object.keys(parts).map((name) => [name, `${MARK}${name}${MARK}`]),
  );
  const pieces = tr.t(key, { ...values, ...marked }).split(MARK);
  // Odd pieces are part names, even ones the sentence's own words.
  return pieces.map((piece, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one sentence never reorder
    <Fragment key={index}>{index % 2 === 1 ? parts[piece] : piece}</Fragment>
  ));
}
