import { describe, expect, it } from 'vitest';
import {
  axisEnds,
  cardText,
  elementName,
  rubricLanguages,
} from '../../../shared/i18n/rubricText.ts';
import { shownName } from '../../../shared/i18n/serverNames.ts';
import { translator } from '../../../shared/i18n/translator.ts';
import type { Rubric } from '../../../shared/rubric.ts';

const rubric: Rubric = {
  id: 'r',
  title: 'Retreat',
  elements: [
    {
      id: 'trust',
      name: 'Trust',
      translations: { es: 'Confianza' },
      cards: [
        {
          id: 'trust.v1',
          column: 'vendor',
          text: 'Work first',
          translations: { es: 'Primero el trabajo' },
        },
        { id: 'trust.p1', column: 'partnership', text: 'Time together' },
      ],
    },
  ],
};
const element = rubric.elements[0];
if (!element) throw new Error('fixture');
const [translated, untranslated] = element.cards;
if (!translated || !untranslated) throw new Error('fixture');

describe("a rubric's texts in a person's language", () => {
  it('shows the translation, marked with its language, where the rubric has one', () => {
    expect(cardText(rubric, translated, translator('es'))).toEqual({
      text: 'Primero el trabajo',
      lang: 'es',
    });
    expect(elementName(rubric, element, translator('es'))).toEqual({
      text: 'Confianza',
      lang: 'es',
    });
  });

  it('falls back to the source text, marked as English, where it has none', () => {
    expect(cardText(rubric, untranslated, translator('es'))).toEqual({
      text: 'Time together',
      lang: 'en',
    });
    expect(cardText(rubric, translated, translator('en'))).toEqual({
      text: 'Work first',
      lang: 'en',
    });
  });

  it("uses the seed's axis ends, translated, for a rubric without its own", () => {
    expect(axisEnds(rubric, translator('es')).right).toEqual({
      text: 'Alianza de Alto Rendimiento',
      lang: 'es',
    });
    expect(axisEnds(rubric, translator('en')).left.text).toBe('Vendor/Contractor');
  });

  it('counts a language only when every element and card has it', () => {
    expect(rubricLanguages(rubric)).toEqual(['en']);
    const complete: Rubric = {
      ...rubric,
      elements: [
        {
          ...element,
          cards: [translated, { ...untranslated, translations: { es: 'Tiempo juntos' } }],
        },
      ],
    };
    expect(rubricLanguages(complete)).toEqual(['en', 'es']);
  });
});

describe('names the server gives', () => {
  it('are translated; names people typed are not', () => {
    const es = translator('es');
    expect(shownName(es, { name: 'Projector', role: 'observer' })).toBe('Proyector');
    expect(shownName(es, { name: 'Participant 3', role: 'participant' })).toBe('Participante 3');
    expect(shownName(es, { name: 'Co-facilitator', role: 'facilitator' })).toBe('Cofacilitador/a');
    expect(shownName(es, { name: 'Facilitator', role: 'facilitator' })).toBe('Facilitador/a');
    expect(shownName(es, { name: 'Projector', role: 'participant' })).toBe('Projector');
    expect(shownName(es, { name: 'Ana', role: 'participant' })).toBe('Ana');
  });
});
