import { describe, expect, it } from 'vitest';
import { displayNames } from '../../../client/board/displayNames.ts';
import { translator } from '../../../shared/i18n/translator.ts';

const en = translator('en');
const es = translator('es');

describe('displayNames', () => {
  it('numbers people who share a name in join order, and leaves everyone else as they are', () => {
    expect(
      displayNames(
        {
          a: { name: 'Sam', role: 'participant' },
          b: { name: 'Ana', role: 'participant' },
          c: { name: 'sam ', role: 'participant' },
          d: { name: 'Sam', role: 'participant' },
        },
        en,
      ),
    ).toEqual({ a: 'Sam (1)', b: 'Ana', c: 'sam (2)', d: 'Sam (3)' });
  });

  it('does not number someone whose namesake was removed', () => {
    expect(
      displayNames(
        {
          a: { name: 'Sam', removed: true, role: 'participant' },
          b: { name: 'Sam', role: 'participant' },
        },
        en,
      ),
    ).toEqual({ a: 'Sam', b: 'Sam' });
  });

  it("shows the server's names in the reader's language, numbered when they repeat", () => {
    expect(
      displayNames(
        {
          a: { name: 'Co-facilitator', role: 'facilitator' },
          b: { name: 'Co-facilitator', role: 'facilitator' },
          c: { name: 'Projector', role: 'observer' },
          d: { name: 'Participant 3', role: 'participant' },
          e: { name: 'Projector', role: 'participant' },
        },
        es,
      ),
    ).toEqual({
      a: `${es.t('name.coFacilitator')} (1)`,
      b: `${es.t('name.coFacilitator')} (2)`,
      c: es.t('name.projector'),
      d: es.t('name.participant', { number: 3 }),
      // A participant's own name is theirs, never a role word.
      e: 'Projector',
    });
    expect(es.t('name.coFacilitator')).not.toBe('Co-facilitator');
  });
});
