import type { projector as english } from '../en/projector.ts';

export const projector: Record<keyof typeof english, string> = {};
