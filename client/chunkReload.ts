/**
 * A chunk of code that fails to load (a redeploy replaced this version's files, or the network
 * dropped) is answered with one reload, which fetches the current version. Once per tab session
 * (sessionStorage), so a chunk that stays missing shows the crash message instead of reloading
 * for ever.
 */
const RELOADED_KEY = 'continuum.reloadedForMissingCode';

/** The messages browsers give for a failed dynamic import (Chromium, Firefox, Safari, Vite). */
const CHUNK_LOAD_FAILURE =
  /dynamically imported module|Importing a module script failed|Unable to preload|error loading dynamically/i;

export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && CHUNK_LOAD_FAILURE.test(error.message);
}

/** Reloads the page unless this tab already did; true when it reloads. */
export function reloadOnceForMissingCode(): boolean {
  try {
    if (window.sessionStorage.getItem(RELOADED_KEY) !== null) return false;
    window.sessionStorage.setItem(RELOADED_KEY, '1');
  } catch {
    // No storage, no guard: better the crash message than a loop.
    return false;
  }
  window.location.reload();
  return true;
}
