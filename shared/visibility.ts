/**
 * Who sees the group's distribution when. The server builds what participants and observers
 * receive from these rules (publicView.ts), so what a screen hides never reaches its browser;
 * the facilitator's screen applies them to the whole board.
 */
import type { Phase, Role } from './boardDoc.ts';

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
