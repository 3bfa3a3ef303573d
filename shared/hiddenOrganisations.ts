/**
 * Which partner organisations an element cannot show figures for, said once on the element
 * rather than "too few to show" on every card: those under the privacy threshold on every card
 * of the element, and those under it on some cards only. A card nobody from an organisation
 * placed hides nothing of it.
 */
import type { OrganisationPosition } from './perceptionGap.ts';

export interface HiddenOrganisations {
  /** Too few people on every card of the element they placed. */
  everywhere: string[];
  /** Shown on some cards, too few on others. */
  onSomeCards: string[];
}

export function hiddenOrganisations(
  cards: readonly (readonly OrganisationPosition[])[],
): HiddenOrganisations {
  const shownOn = new Map<string, number>();
  const hiddenOn = new Map<string, number>();
  for (const card of cards) {
    for (const { organisation, n, median } of card) {
      // Nobody from it placed this card: nothing is hidden there.
      if (n === 0) continue;
      const tally = median === null ? hiddenOn : shownOn;
      tally.set(organisation, (tally.get(organisation) ?? 0) + 1);
    }
  }
  const everywhere: string[] = [];
  const onSomeCards: string[] = [];
  for (const organisation of hiddenOn.keys()) {
    if (shownOn.has(organisation)) onSomeCards.push(organisation);
    else everywhere.push(organisation);
  }
  return { everywhere, onSomeCards };
}
