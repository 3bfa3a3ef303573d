import type { a11y as english } from '../en/a11y.ts';

export const a11y: Record<keyof typeof english, string> = {};
