/**
 * The names lists show: the server's own names in the reader's language (shownName), and two
 * people called Sam become "Sam (1)" and "Sam (2)", numbered in the order they joined, so a
 * facilitator can tell who is not finished. Pure.
 */
import type { Participant } from '../../shared/boardDoc.ts';
import { shownName } from '../../shared/i18n/serverNames.ts';
import type { Translator } from '../../shared/i18n/translator.ts';

/** participantId → the name to list them by (removed people keep theirs but do not count). */
export function displayNames(
  participants: Readonly<Record<string, Pick<Participant, 'name' | 'removed' | 'role'>>>,
  tr: Translator,
): Record<string, string> {
  const key = (name: string) => name.trim().toLocaleLowerCase();
  const shown = Object.fromEntries(
    Object.entries(participants).map(([id, person]) => [id, shownName(tr, person)]),
  );
  const total = new Map<string, number>();
  for (const [id, person] of Object.entries(participants)) {
    if (person.removed) continue;
    const k = key(shown[id] ?? person.name);
    total.set(k, (total.get(k) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const names: Record<string, string> = {};
  for (const [id, person] of Object.entries(participants)) {
    const name = shown[id] ?? person.name;
    const k = key(name);
    if (person.removed || (total.get(k) ?? 0) < 2) {
      names[id] = name;
      continue;
    }
    const number = (seen.get(k) ?? 0) + 1;
    seen.set(k, number);
    names[id] = tr.t('board.people.numbered', { name: name.trim(), number });
  }
  return names;
}
