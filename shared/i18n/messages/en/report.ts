/** The report page and the exported picture. */
export const report = {} as const;
