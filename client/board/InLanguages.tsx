/**
 * One text in each of the wall's languages: the first as the main text, the second smaller
 * beneath it, each marked with its `lang` so a screen reader reads it in the right voice. A
 * text that reads the same in both (a rubric without the translation yet) shows once. With one
 * language (the phone's wall, a projector speaking one) it is just the text with its `lang`.
 */
import type { ReactNode } from 'react';
import type { LocalText } from '../../shared/i18n/rubricText.ts';

export function InLanguages({
  texts,
  lineBreak = false,
}: {
  texts: readonly LocalText[];
  /**
   * Starts the second on a new line of the same text, where a block would break the text's line
   * clamp (a card's text on the wall); elsewhere the style sheet places it.
   */
  lineBreak?: boolean;
}) {
  const [first, second] = texts;
  if (!first) return null;
  return (
    <>
      <span lang={first.lang}>{first.text}</span>
      {second && second.text !== first.text && (
        <>
          {lineBreak && <br />}
          <span className="second-language" lang={second.lang}>
            {second.text}
          </span>
        </>
      )}
    </>
  );
}

/**
 * Stands in for an argument that shows emphasised (the big count on the wall): the message is
 * formatted with this marker, then split around it, so the sentence stays one catalogue entry.
 */
export const EMPHASIS_MARK = '\uE000';

export function withEmphasis(message: string, emphasised: ReactNode): ReactNode {
  const at = message.indexOf(EMPHASIS_MARK);
  if (at < 0) return message;
  return (
    <>
      {message.slice(0, at)}
      <strong>{emphasised}</strong>
      {message.slice(at + EMPHASIS_MARK.length)}
    </>
  );
}
