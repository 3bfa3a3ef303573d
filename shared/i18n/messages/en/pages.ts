/** The start and join pages, the app's frame and its errors. */
export const pages = {} as const;
