/** The board page: header, lanes, tabs, people, wall, phase banners, connection notes. */
export const board = {} as const;
