import type { report as english } from '../en/report.ts';

export const report: Record<keyof typeof english, string> = {};
