import type { facilitator as english } from '../en/facilitator.ts';

export const facilitator: Record<keyof typeof english, string> = {};
