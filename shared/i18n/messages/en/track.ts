/** A card on its track: the card, its figures, the group's distribution, reasons, agreement. */
export const track = {} as const;
