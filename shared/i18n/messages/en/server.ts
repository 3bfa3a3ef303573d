/** What the server says: HTTP error codes, close reasons and refused writes, in words. */
export const server = {} as const;
