/**
 * Who sees the group's distribution when. Hiding is in the interface: the document is shared,
 * and a silent round is about not anchoring people, not about secrecy.
 */
import type { Phase, Role } from '../../shared/boardDoc.ts';

/**
 * Fewer placements than this and the room sees nothing of a card's group (no dots, median, band
 * or reasons): with one or two people, any of those would tell where each of them stands.
 */
export const MIN_PLACEMENTS_FOR_DOTS = 3;

export function distributionVisible(phase: Phase, role: Role, peek: boolean): boolean {
  switch (phase) {
    case 'revealed':
    case 'discussing':
    case 'final':
      return true;
    case 'setup':
    case 'placing':
      return role === 'facilitator' && peek;
    default:
      return phase satisfies never;
  }
}

export function groupVisible(placed: number, role: Role): boolean {
  return role === 'facilitator' || placed >= MIN_PLACEMENTS_FOR_DOTS;
}

export function reasonsVisible(phase: Phase): boolean {
  return phase === 'revealed' || phase === 'discussing';
}
