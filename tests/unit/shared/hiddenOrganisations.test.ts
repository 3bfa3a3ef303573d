/** "Too few to show" said once per element: which organisations, everywhere or on some cards. */
import { describe, expect, it } from 'vitest';
import { hiddenOrganisations } from '../../../shared/hiddenOrganisations.ts';

const shown = (organisation: string) => ({ organisation, n: 3, median: 0.5 });
const hidden = (organisation: string) => ({ organisation, n: 1, median: null });

describe('hiddenOrganisations', () => {
  it('names organisations too few on every card, and those too few on some', () => {
    expect(
      hiddenOrganisations([
        [shown('County Health'), hidden('School District'), hidden('Family Alliance')],
        [shown('County Health'), hidden('School District'), shown('Family Alliance')],
      ]),
    ).toEqual({ everywhere: ['School District'], onSomeCards: ['Family Alliance'] });
  });

  it('hides nothing on a card nobody from the organisation placed', () => {
    const nobody = (organisation: string) => ({ organisation, n: 0, median: null });
    expect(
      hiddenOrganisations([
        [shown('County Health'), hidden('School District')],
        [nobody('County Health'), nobody('School District')],
      ]),
    ).toEqual({ everywhere: ['School District'], onSomeCards: [] });
  });

  it('names none when every organisation has figures', () => {
    expect(hiddenOrganisations([[shown('A'), shown('B')]])).toEqual({
      everywhere: [],
      onSomeCards: [],
    });
  });

  it('names none on a board without organisations', () => {
    expect(hiddenOrganisations([[], []])).toEqual({ everywhere: [], onSomeCards: [] });
  });
});
