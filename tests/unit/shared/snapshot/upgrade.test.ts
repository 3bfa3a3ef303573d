/** Older snapshot versions are upgraded step by step before they are checked; newer ones are not. */
import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../../../shared/rubric.ts';
import { parseSnapshot } from '../../../../shared/snapshot/parse.ts';
import { SNAPSHOT_VERSION } from '../../../../shared/snapshot/schema.ts';
import { type SnapshotUpgrade, upgradeSnapshot } from '../../../../shared/snapshot/upgrade.ts';
import { boardWithHistory } from '../../../support/boardHistory.ts';
import { asFile, snapshotOf } from './exportedBoard.ts';

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
      field: 'snapshotVersion',
      error: 'snapshotVersion: version 0 is not one this server can read (it reads 1 to 3)',
    });
  });

  it('import refuses a newer snapshot with the version this server reads', () => {
    const result = parseSnapshot({ snapshotVersion: SNAPSHOT_VERSION + 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(`must be ${SNAPSHOT_VERSION}`);
  });
});

/** A version 1 file as the previous release wrote it: an English-only rubric, no languages. */
function versionOneFile(): Record<string, unknown> {
  const file = asFile(snapshotOf(boardWithHistory()));
  const { languages: _languages, ...rest } = file;
  const rubric = rest.rubric as Rubric;
  return {
    ...rest,
    snapshotVersion: 1,
    rubric: {
      id: rubric.id,
      title: rubric.title,
      elements: rubric.elements.map(({ id, name, cards }) => ({
        id,
        name,
        cards: cards.map(({ id, text, column }) => ({ id, text, column })),
      })),
    },
  };
}

describe('snapshot version 1', () => {
  it('is read as the current version with the languages of its English-only rubric', () => {
    const result = parseSnapshot(versionOneFile());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
    expect(result.snapshot.languages).toEqual(['en']);
    expect(result.snapshot.rubric.elements[0]?.translations).toBeUndefined();
  });

  it('was refused with a version 2 field before its upgrade', () => {
    const file = { ...versionOneFile(), languages: ['en'] };
    expect(parseSnapshot({ ...file, snapshotVersion: 2 }).ok).toBe(true);
    const { languages: _languages, ...withoutLanguages } = file;
    expect(parseSnapshot({ ...withoutLanguages, snapshotVersion: 2 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('languages'),
    });
  });
});
