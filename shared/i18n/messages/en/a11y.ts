/** Words only screen readers hear: announcements, value texts, skip links. */
export const a11y = {} as const;
