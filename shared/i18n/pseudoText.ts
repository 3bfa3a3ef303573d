/**
 * The pseudo-locale's letters: every ASCII letter accented, nothing else changed. For data
 * (rubric text) shown in the pseudo-locale, and for the literal parts of its messages
 * (pseudo.ts); kept apart from the message parser, which the client does not ship.
 */
const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'àƀçđéƒĝĥíĵķĺɱñöþʠŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index] ?? letter,
  ]),
);

export function pseudoText(text: string): string {
  return [...text].map((char) => ACCENTED[char] ?? char).join('');
}
