/**
 * Older snapshot versions are read by upgrading them, one version at a time, to the current one
 * before the schema checks them (docs/design.md "Versions"). A newer version is left as it is,
 * and the schema refuses it with the version this server reads. Pure.
 */
import { SNAPSHOT_VERSION } from './schema.ts';

/** Turns a snapshot of version N (the key) into one of version N + 1. */
export type SnapshotUpgrade = (older: Record<string, unknown>) => Record<string, unknown>;

/** One step per version since the first. */
export const SNAPSHOT_UPGRADES: Readonly<Record<number, SnapshotUpgrade>> = {
  // Version 2 records the rubric's languages; a version 1 rubric had no translations.
  1: (older) => ({ ...older, languages: ['en'], snapshotVersion: 2 }),
  // Version 3 lets a board's rubric be its own (any cards, a text's language beside its
  // rubric's); a version 2 snapshot holds the seed's, which version 3 reads as it is.
  2: (older) => ({ ...older, snapshotVersion: 3 }),
  // Version 4 carries what a board has done since it began (issue 16): retired cards and earlier
  // texts in its rubric, a baseline, the day's figures; a version 3 snapshot has none of them.
  3: (older) => ({ ...older, snapshotVersion: 4 }),
};

export type UpgradeResult =
  | { ok: true; value: unknown }
  | { ok: false; error: string; field: 'snapshotVersion' };

export function upgradeSnapshot(
  value: unknown,
  upgrades: Readonly<Record<number, SnapshotUpgrade>> = SNAPSHOT_UPGRADES,
  current: number = SNAPSHOT_VERSION,
): UpgradeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: true, value };
  }
  let snapshot = value as Record<string, unknown>;
  let version = snapshot.snapshotVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version >= current) {
    return { ok: true, value };
  }
  while (typeof version === 'number' && version < current) {
    const step = upgrades[version];
    if (!step) {
      return {
        ok: false,
        field: 'snapshotVersion',
        error: `snapshotVersion: version ${version} is not one this server can read (it reads 1 to ${current})`,
      };
    }
    snapshot = step(snapshot);
    version = snapshot.snapshotVersion;
  }
  return { ok: true, value: snapshot };
}
