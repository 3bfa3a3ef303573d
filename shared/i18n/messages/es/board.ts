import type { board as english } from '../en/board.ts';

export const board: Record<keyof typeof english, string> = {};
