import type { track as english } from '../en/track.ts';

export const track: Record<keyof typeof english, string> = {};
