/**
 * zod, loaded where a page checks a file (a snapshot, a rubric): told never to compile its
 * checks with `new Function`, which it would otherwise probe for, and which the page's
 * Content-Security-Policy (no 'unsafe-eval') reports as a violation.
 */
export async function loadZodWithoutEval(): Promise<void> {
  const { z } = await import('zod');
  z.config({ jitless: true });
}
