import type { server as english } from '../en/server.ts';

export const server: Record<keyof typeof english, string> = {};
