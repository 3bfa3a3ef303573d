/**
 * One text in each of the wall's languages: the first as the main text, the second smaller
 * beneath it, each marked with its `lang` so a screen reader reads it in the right voice. A
 * text that reads the same in both (a rubric without the translation yet) shows once.
 */
import type { ReactNode } from 'react';
import type { LocalText } from '../../shared/i18n/rubricText.ts';

export function InLanguages({ texts }: { texts: readonly LocalText[] }) {
  const [first, second] = texts;
  if (!first) return null;
  return (
    <>
      <span lang={first.lang}>{first.text}</span>
      {second && second.text !== first.text && (
        <span className="second-language" lang={second.lang}>
          {second.text}
        </span>
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
