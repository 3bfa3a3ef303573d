import type { pages as english } from '../en/pages.ts';

export const pages: Record<keyof typeof english, string> = {};
