/**
 * The board picture: every element, a note per placed card, safe text, and text that reads on
 * paper at 60 people: never below 9 pt at A4-landscape width, never on top of other text.
 */
import { describe, expect, it } from 'vitest';
import {
  type BoardPictureInput,
  boardPictureSvg,
  CHAR_WIDTH,
  MIN_FONT_SIZE,
  PICTURE_HEIGHT,
  PICTURE_WIDTH,
  pictureSize,
  wrapText,
} from '../../../shared/boardPicture.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import { CATALOGUES } from '../../../shared/i18n/catalogues.ts';
import { translator } from '../../../shared/i18n/translator.ts';
import type { LatestFigures } from '../../../shared/latestFigures.ts';
import { ELEMENTS_OF_PARTNERSHIP, type Rubric, rubricCards } from '../../../shared/rubric.ts';

function figures(values: readonly number[], fromRound: number | null = null): LatestFigures {
  return {
    fromRound,
    placed: values.length,
    summary: summarizeCard(values),
    positions: values,
    organisations: [],
  };
}

function input(overrides: Partial<BoardPictureInput> = {}): BoardPictureInput {
  const values = [0.2, 0.4, 0.5, 0.9];
  return {
    tr: translator('en'),
    title: 'Retreat <2026> & "friends"',
    subtitle: '2026-11-27 · Revealed',
    rubric: ELEMENTS_OF_PARTNERSHIP,
    cards: {
      'trust.v1': figures(values),
      'trust.p2': figures(values),
      'values.v1': figures(values, 1),
    },
    final: { 'trust.v1': { x: 0.75, note: 'agreed' } },
    elements: { trust: rollUpElement([summarizeCard(values)]) },
    ...overrides,
  };
}

interface TextBox {
  text: string;
  size: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Every <text> of the picture as a box: characters × font size × CHAR_WIDTH wide. */
function textBoxes(svg: string): TextBox[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((match) => {
    const attributes = match[1] ?? '';
    const text = unescapeXml(match[2] ?? '');
    const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1];
    const x = Number(attribute('x'));
    const y = Number(attribute('y'));
    const size = Number(attribute('font-size'));
    const width = text.length * size * CHAR_WIDTH;
    const anchor = attribute('text-anchor') ?? 'start';
    const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
    return { text, size, left, right: left + width, top: y - 0.8 * size, bottom: y + 0.25 * size };
  });
}

function overlaps(a: TextBox, b: TextBox): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function expectReadable(svg: string): void {
  const { width, height } = pictureSize(svg);
  expect(width).toBe(PICTURE_WIDTH);
  const boxes = textBoxes(svg);
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(box.size, box.text).toBeGreaterThanOrEqual(MIN_FONT_SIZE);
    expect(box.left, box.text).toBeGreaterThanOrEqual(0);
    expect(box.right, box.text).toBeLessThanOrEqual(width);
    expect(box.bottom, box.text).toBeLessThanOrEqual(height);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a && b && overlaps(a, b)) {
        throw new Error(`"${a.text}" overlaps "${b.text}"`);
      }
    }
  }
}

/** A seeded random generator, so the crowded boards are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** `people` positions around a centre, inside [0, 1]. */
function crowd(random: () => number, people: number, centre: number): number[] {
  return Array.from({ length: people }, () =>
    Math.min(1, Math.max(0, centre + (random() - 0.5) * 0.5)),
  );
}

/** The room of 60: every card of `rubric` placed by everyone, some from round 1. */
function roomOf60(rubric: Rubric, centre: (index: number) => number): BoardPictureInput {
  const random = seeded(60);
  const cards: Record<string, LatestFigures> = {};
  rubricCards(rubric).forEach((card, index) => {
    cards[card.id] = figures(crowd(random, 60, centre(index)), index % 3 === 0 ? 1 : null);
  });
  const elements = Object.fromEntries(
    rubric.elements.map((element) => [
      element.id,
      rollUpElement(element.cards.map((card) => cards[card.id]?.summary ?? summarizeCard([]))),
    ]),
  );
  return {
    tr: translator('en'),
    title: 'Regional partnership retreat: a very long title, with the place and the date in it',
    subtitle: '2026-12-07 · Discussing · round 2',
    rubric,
    cards,
    final: {},
    elements,
  };
}

/** 8 elements × 12 cards, texts 25 % longer than the longest English ones (Spanish is coming). */
function densestRubric(): Rubric {
  const long =
    'Los socios comparten la planificación, los recursos y la rendición de cuentas de los resultados, y lo revisan juntos cada trimestre con datos abiertos';
  return {
    id: 'dense',
    title: 'Dense',
    elements: Array.from({ length: 8 }, (_, e) => ({
      id: `e${e}`,
      name: `Elemento ${e + 1}: sistemas, estructura y rendición de cuentas compartida`,
      cards: Array.from({ length: 12 }, (_, c) => ({
        id: `e${e}.c${c}`,
        text: `${c + 1}. ${long.slice(0, 40 + ((c * 37) % 110))}`,
        column: c % 2 === 0 ? ('vendor' as const) : ('partnership' as const),
      })),
    })),
  };
}

describe('board picture', () => {
  it('is as wide as A4 landscape, at least a page tall, with all six elements in order', () => {
    const svg = boardPictureSvg(input());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}"`);
    expect(PICTURE_WIDTH / PICTURE_HEIGHT).toBeCloseTo(297 / 210, 2);
    let last = -1;
    for (const element of ELEMENTS_OF_PARTNERSHIP.elements) {
      const at = svg.indexOf(element.name);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  it('draws one note per placed card, at its agreed position when there is one', () => {
    const svg = boardPictureSvg(input());
    expect(svg.match(/fill="#fffbea"/g)).toHaveLength(3);
    expect(svg).toContain('agreed 75% · weak');
    expect(svg).toContain('median 45% · weak');
    expect(svg.match(/<circle /g)).toHaveLength(12); // four dots on each of three cards
  });

  it('marks a card whose figures come from an earlier round, on its note and its lane', () => {
    const svg = boardPictureSvg(input());
    const note = /<g data-card-id="values\.v1">.*?<\/g>/.exec(svg)?.[0] ?? '';
    expect(note).toContain('from round 1');
    expect(note).toContain('stroke-dasharray');
    expect(svg).toContain('1 card with figures from round 1');
    const current = /<g data-card-id="trust\.p2">.*?<\/g>/.exec(svg)?.[0] ?? '';
    expect(current).not.toContain('from round');
  });

  it('says what is true of an element instead of a dash', () => {
    const single = summarizeCard([0.4]);
    const svg = boardPictureSvg(
      input({
        cards: {
          'trust.v1': figures([0.4]),
          'values.v1': { ...figures([0.1, 0.2]), summary: summarizeCard([]), positions: [] },
        },
        final: {},
        elements: { trust: rollUpElement([single]), values: rollUpElement([]) },
      }),
    );
    expect(svg).not.toContain('—');
    expect(svg).toContain('agreement not measured (no card has 2 placements)');
    expect(svg).toContain('1 card with too few placements to show');
    expect(svg).toContain('no placements yet'); // the elements nobody placed
  });

  it('tells a group hidden until the reveal from one with too few placements', () => {
    const hidden = { ...figures([]), placed: 60 };
    const earlier = { ...figures([]), placed: 12, fromRound: 1 };
    const svg = boardPictureSvg(
      input({
        cards: {
          'trust.v1': hidden,
          'trust.v2': earlier,
          'trust.p1': { ...figures([]), placed: 2 },
        },
        final: {},
        elements: {},
      }),
    );
    expect(svg).toContain('1 card placed, shown after the reveal');
    expect(svg).toContain('1 card from a round closed before its reveal');
    expect(svg).toContain('1 card with too few placements to show');
    expect(svg).not.toContain('fill="#fffbea"');
  });

  it('escapes text so titles and card texts cannot break the picture', () => {
    const svg = boardPictureSvg(input());
    expect(svg).toContain('Retreat &lt;2026&gt; &amp; &quot;friends&quot;');
    expect(svg).not.toContain('<2026>');
  });

  it('keeps text at 9 pt or more and apart at 60 people, every card on the same spot', () => {
    const svg = boardPictureSvg(roomOf60(ELEMENTS_OF_PARTNERSHIP, () => 0.5));
    expectReadable(svg);
    expect(svg.match(/fill="#fffbea"/g)).toHaveLength(rubricCards(ELEMENTS_OF_PARTNERSHIP).length);
    // Crowded lanes make the picture taller instead of the text smaller.
    expect(pictureSize(svg).height).toBeGreaterThan(PICTURE_HEIGHT);
  });

  it('keeps text at 9 pt or more and apart for 8 elements × 12 cards of longer text', () => {
    const rubric = densestRubric();
    for (const centre of [() => 0.5, (index: number) => (index % 12) / 11]) {
      const svg = boardPictureSvg(roomOf60(rubric, centre));
      expectReadable(svg);
      expect(svg.match(/fill="#fffbea"/g)).toHaveLength(96);
      for (const element of rubric.elements) expect(svg).toContain(`${element.id}.c11`);
    }
  });

  it('fills one A4 page when the board is sparse, with readable text', () => {
    expectReadable(boardPictureSvg(input()));
    expect(pictureSize(boardPictureSvg(input())).height).toBe(PICTURE_HEIGHT);
  });
});

describe('the picture in Spanish', () => {
  const es = translator('es');

  it('has every word of its own in Spanish, and Spanish numbers', () => {
    const svg = boardPictureSvg(input({ tr: es, subtitle: '27 nov 2026 · Revelado' }));
    expect(svg).toContain('xml:lang="es"');
    expect(svg).toContain('acordada 75\u00a0% · débil');
    expect(svg).toContain('mediana 45\u00a0% · débil');
    expect(svg).toContain('1 tarjeta con cifras de la ronda 1');
    expect(svg).toContain('de la ronda 1');
    expect(svg).toContain('Proveedor/Contratista (0\u00a0%)');
    expect(svg).toContain('Alianza de Alto Rendimiento (100\u00a0%)');
    expect(svg).toContain('Notas: tarjetas en su posición acordada');
    // No English sentence of the picture's own is left.
    for (const english of ['agreed 75%', 'median 45%', 'with figures from round', 'Notes:']) {
      expect(svg).not.toContain(english);
    }
    expect(svg).not.toContain(CATALOGUES.en['report.picture.noPlacements']);
    expect(svg).toContain(CATALOGUES.es['report.picture.noPlacements']);
  });

  it('marks a card still in English with its language', () => {
    const svg = boardPictureSvg(input({ tr: es }));
    const note = /<g data-card-id="trust\.p2">.*?<\/g>/.exec(svg)?.[0] ?? '';
    const card = ELEMENTS_OF_PARTNERSHIP.elements[0]?.cards.find((c) => c.id === 'trust.p2');
    if (card?.translations?.es) expect(note).toContain(card.translations.es.slice(0, 10));
    else expect(note).toContain('xml:lang="en"');
  });

  it('keeps its longer text at 9 pt or more and apart at 60 people', () => {
    expectReadable(boardPictureSvg({ ...roomOf60(ELEMENTS_OF_PARTNERSHIP, () => 0.5), tr: es }));
  });
});

describe('wrapping text', () => {
  it('breaks at spaces, cuts a word longer than a line, and ends what does not fit with …', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghij', 4, 3)).toEqual(['abcd', 'efgh', 'ij']);
    const cut = wrapText('one two three four five six', 9, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]?.endsWith('…')).toBe(true);
    expect(cut.every((line) => line.length <= 9)).toBe(true);
  });
});
