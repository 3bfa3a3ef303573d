/** The facilitator's bar and panels: phases, rounds, timer, focus, people, invite, export. */
export const facilitator = {} as const;
