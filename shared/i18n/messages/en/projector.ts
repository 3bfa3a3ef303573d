/** The projector's wall. */
export const projector = {} as const;
