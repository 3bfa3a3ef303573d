/**
 * Code that failed to load reloads the page once per tab session, never in a loop, and only for
 * a failed import, not for any other error.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChunkLoadError, reloadOnceForMissingCode } from '../../../client/chunkReload.ts';

function stubPage(storage: Storage | null) {
  const reload = vi.fn();
  vi.stubGlobal('window', {
    location: { reload },
    get sessionStorage(): Storage {
      if (!storage) throw new DOMException('denied', 'SecurityError');
      return storage;
    },
  });
  return reload;
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a chunk that failed to load', () => {
  it('is told apart from other errors, in each browser’s words', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://x/assets/StartPage-abc.js',
      'error loading dynamically imported module: https://x/assets/StartPage-abc.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/WallView-abc.css',
    ]) {
      expect(isChunkLoadError(new TypeError(message)), message).toBe(true);
    }
    expect(isChunkLoadError(new TypeError("Cannot read properties of null (reading 'x')"))).toBe(
      false,
    );
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });

  it('reloads the page once per tab session, not again', () => {
    const storage = memoryStorage();
    const reload = stubPage(storage);
    expect(reloadOnceForMissingCode()).toBe(true);
    expect(reloadOnceForMissingCode()).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);

    // The reloaded page: same tab session, same storage.
    const afterReload = stubPage(storage);
    expect(reloadOnceForMissingCode()).toBe(false);
    expect(afterReload).not.toHaveBeenCalled();
  });

  it('does not reload where there is no storage to guard the loop', () => {
    const reload = stubPage(null);
    expect(reloadOnceForMissingCode()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
