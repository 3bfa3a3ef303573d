import { describe, expect, it } from 'vitest';
import { displayNames } from '../../../client/board/displayNames.ts';

describe('displayNames', () => {
  it('numbers people who share a name in join order, and leaves everyone else as they are', () => {
    expect(
      displayNames({
        a: { name: 'Sam' },
        b: { name: 'Ana' },
        c: { name: 'sam ' },
        d: { name: 'Sam' },
      }),
    ).toEqual({ a: 'Sam (1)', b: 'Ana', c: 'sam (2)', d: 'Sam (3)' });
  });

  it('does not number someone whose namesake was removed', () => {
    expect(displayNames({ a: { name: 'Sam', removed: true }, b: { name: 'Sam' } })).toEqual({
      a: 'Sam',
      b: 'Sam',
    });
  });
});
