/**
 * Who a snapshot names, and how. Participants are the people who place cards (role
 * `participant`, proxies and removed people included), in join order; facilitators and observers
 * place nothing and are left out. An anonymised snapshot calls them "Participant 1",
 * "Participant 2", … in that order, with ids `p1`, `p2`, …, so no name or board-side id links
 * back to a person. Pure.
 */
import type { Participant } from '../boardDoc.ts';

export interface ExportedPeople {
  /** The people who place cards, in join order, by board-side id. */
  people: [string, Participant][];
  /** Board-side id → the id the snapshot uses. */
  exportIds: ReadonlyMap<string, string>;
  /** Board-side id → place in join order. */
  order: ReadonlyMap<string, number>;
}

export function exportedPeople(
  participants: Readonly<Record<string, Participant>>,
  anonymous: boolean,
): ExportedPeople {
  const people = joinOrder(participants);
  return {
    people,
    exportIds: new Map(people.map(([id], index) => [id, anonymous ? `p${index + 1}` : id])),
    order: new Map(people.map(([id], index) => [id, index])),
  };
}

/** The name the snapshot gives the person at `index` in join order. */
export function exportedName(participant: Participant, index: number, anonymous: boolean): string {
  return anonymous ? `Participant ${index + 1}` : participant.name;
}

/** The people who place cards, in join order (ties by id, so the order never wobbles). */
function joinOrder(participants: Readonly<Record<string, Participant>>): [string, Participant][] {
  return Object.entries(participants)
    .filter(([, participant]) => participant.role === 'participant')
    .sort(([a, pa], [b, pb]) => pa.joinedAt - pb.joinedAt || (a < b ? -1 : a > b ? 1 : 0));
}
