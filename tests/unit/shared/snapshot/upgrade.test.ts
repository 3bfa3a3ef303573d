/** Older snapshot versions are upgraded step by step before they are checked; newer ones are not. */
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../../shared/snapshot/parse.ts';
import { SNAPSHOT_VERSION } from '../../../../shared/snapshot/schema.ts';
import { type SnapshotUpgrade, upgradeSnapshot } from '../../../../shared/snapshot/upgrade.ts';

/** A made-up history: v1 named the title `name`, v2 added `tags`, v3 is current. */
const upgrades: Record<number, SnapshotUpgrade> = {
  1: ({ name, ...rest }) => ({ ...rest, title: name, snapshotVersion: 2 }),
  2: (older) => ({ ...older, tags: [], snapshotVersion: 3 }),
};

describe('snapshot versions', () => {
  it('upgrades every older version one step at a time to the current one', () => {
    expect(upgradeSnapshot({ snapshotVersion: 1, name: 'Retreat' }, upgrades, 3)).toEqual({
      ok: true,
      value: { snapshotVersion: 3, title: 'Retreat', tags: [] },
    });
    expect(upgradeSnapshot({ snapshotVersion: 2, title: 'Retreat' }, upgrades, 3)).toEqual({
      ok: true,
      value: { snapshotVersion: 3, title: 'Retreat', tags: [] },
    });
  });

  it('leaves the current and newer versions, and what is not a snapshot, to the schema', () => {
    for (const value of [{ snapshotVersion: 3 }, { snapshotVersion: 4 }, 'text', null, []]) {
      expect(upgradeSnapshot(value, upgrades, 3)).toEqual({ ok: true, value });
    }
  });

  it('refuses a version it has no step for, naming the versions it reads', () => {
    expect(upgradeSnapshot({ snapshotVersion: 0 }, upgrades, 3)).toEqual({
      ok: false,
      error: 'snapshotVersion: version 0 is not one this server can read (it reads 1 to 3)',
    });
  });

  it('import refuses a newer snapshot with the version this server reads', () => {
    const result = parseSnapshot({ snapshotVersion: SNAPSHOT_VERSION + 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(`must be ${SNAPSHOT_VERSION}`);
  });
});
