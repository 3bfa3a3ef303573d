/**
 * The names lists show: two people called Sam become "Sam (1)" and "Sam (2)", numbered in the
 * order they joined, so a facilitator can tell who is not finished. Pure.
 */
import type { Participant } from '../../shared/boardDoc.ts';

/** participantId → the name to list them by (removed people keep theirs but do not count). */
export function displayNames(
  participants: Readonly<Record<string, Pick<Participant, 'name' | 'removed'>>>,
): Record<string, string> {
  const key = (name: string) => name.trim().toLocaleLowerCase();
  const total = new Map<string, number>();
  for (const person of Object.values(participants)) {
    if (person.removed) continue;
    total.set(key(person.name), (total.get(key(person.name)) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const names: Record<string, string> = {};
  for (const [id, person] of Object.entries(participants)) {
    const k = key(person.name);
    if (person.removed || (total.get(k) ?? 0) < 2) {
      names[id] = person.name;
      continue;
    }
    const number = (seen.get(k) ?? 0) + 1;
    seen.set(k, number);
    names[id] = `${person.name.trim()} (${number})`;
  }
  return names;
}
