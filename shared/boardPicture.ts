/**
 * The picture of the board people take home: an SVG drawn from the board's figures, as wide as
 * A4 landscape. A lane per element in the rubric's order, each with its element's position and
 * agreement, and every card as a note at its agreed position (or the group's median) with the
 * middle half of the group as a bar behind it and the placements as dots on the axis. A card
 * nobody placed again in a later round shows its latest round's figures, marked "from round N"
 * (latestFigures.ts). Pure: a string out, so the browser (SVG and PNG downloads) and the report
 * draw the same picture.
 *
 * Text never shrinks below 9 pt on the printed page: a crowded lane gets more rows and the
 * picture grows taller instead (the report prints it on as many pages as it needs).
 *
 * With `since` (a board with a baseline) it is the "since last retreat" view: each card's
 * move from where the group stood then to its median now is an arrow in a band above the axis.
 *
 * Every word is in the input's language (`tr`, the report's), the rubric's texts in it where
 * the rubric has them, each marked with its own language where it differs from the picture's.
 */
import type { FinalPosition } from './boardDoc.ts';
import type { ElementSummary } from './consensus/rollUp.ts';
import type { SinceBaseline } from './consensus/sinceBaseline.ts';
import { axisEnds, cardText, elementName, type LocalText } from './i18n/rubricText.ts';
import type { Translator } from './i18n/translator.ts';
import type { LatestFigures } from './latestFigures.ts';
import { CONSENSUS_LABEL_COLORS } from './palette.ts';
import type { Rubric } from './rubric.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from './visibility.ts';

/** A4 landscape (297 mm) at 4 user units per millimetre. */
export const PICTURE_WIDTH = 1188;
/** The height of an A4 landscape page; a crowded board makes the picture taller, never smaller. */
export const PICTURE_HEIGHT = 840;

/**
 * The picture is printed (and shown in the report) scaled to the page's width, so one user unit
 * is (297 mm in pt) / PICTURE_WIDTH on paper. 297 mm = 841.89 pt; 9 pt on paper is therefore
 * 9 × PICTURE_WIDTH / 841.89 ≈ 12.7 user units. No text of the picture is smaller.
 */
const A4_LANDSCAPE_WIDTH_PT = (297 / 25.4) * 72;
export const MIN_FONT_SIZE = (9 * PICTURE_WIDTH) / A4_LANDSCAPE_WIDTH_PT;

/**
 * How wide text is taken to be, per character, as a share of its font size: generous for the
 * sans-serif fonts the picture asks for, so a line laid out here fits wherever it is opened.
 */
export const CHAR_WIDTH = 0.6;

export interface BoardPictureInput {
  /** The picture's language: every word of it, its numbers and the rubric's texts. */
  tr: Translator;
  title: string;
  /** A line under the title, e.g. the date and phase. */
  subtitle: string;
  rubric: Rubric;
  /** cardId → its latest figures (latestFigures.ts). */
  cards: Readonly<Record<string, LatestFigures | undefined>>;
  final: Readonly<Record<string, FinalPosition | undefined>>;
  /** elementId → the roll-up of its cards' latest figures. */
  elements: Readonly<Record<string, ElementSummary | undefined>>;
  /** cardId → then and now: the "since last retreat" view, with its arrows (absent: none). */
  since?: Readonly<Record<string, SinceBaseline | null | undefined>>;
}

const SMALL = 13; // ≥ MIN_FONT_SIZE, asserted by the unit test
const BODY = 14;
const HEADING = 18;
const TITLE = 24;
const LINE = 1.25; // line height, as a share of the font size

const MARGIN = 24;
const LANE_PADDING = 12;
const LANE_GAP = 8;
const AXIS_LEFT = MARGIN + LANE_PADDING + 6;
const AXIS_RIGHT = PICTURE_WIDTH - MARGIN - LANE_PADDING - 6;
const AXIS_WIDTH = AXIS_RIGHT - AXIS_LEFT;
/** Room under the notes for the axis, its ticks and the element's marker. */
const AXIS_AREA = 30;

const NOTE_WIDTH = 216;
const NOTE_PADDING = 6;
const NOTE_GAP = 6;
/** Two lines of a card's text; the report and the note's tooltip have all of it. */
const NOTE_TEXT_LINES = 2;
/** How far a note may sit to the right of its position (a pointer marks the position). */
const MAX_NOTE_SHIFT = NOTE_WIDTH * 0.45;
const NOTE_CHARS = Math.floor((NOTE_WIDTH - 2 * NOTE_PADDING) / (SMALL * CHAR_WIDTH));

const INK = '#1d232b';
const MUTED = '#4a5562';
/** The "from round N" mark: a colour of its own and a dashed outline on the note. */
const EARLIER = '#8a4b00';
/** One arrow of the "since last retreat" band per card, this far apart. */
const ARROW_ROW = 9;
/** A large move (more than half the IQR) in the accent colour; the others muted. */
const LARGE_MOVE = '#0072B2';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** ` xml:lang="…"` where a text's language is not the picture's, so it is read as written. */
function langAttribute(text: LocalText, tr: Translator): string {
  return text.lang === tr.lang ? '' : ` xml:lang="${escapeXml(text.lang)}"`;
}

/** How many characters of text at `fontSize` fit in `width` user units. */
function charsIn(width: number, fontSize: number): number {
  return Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH)));
}

/**
 * Breaks text into lines of at most `maxChars` at spaces (a longer word is cut), at most
 * `maxLines` of them; what does not fit ends the last line with an ellipsis.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > 0) {
      const joined = line ? `${line} ${rest}` : rest;
      if (joined.length <= maxChars) {
        line = joined;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, maxChars));
        rest = rest.slice(maxChars);
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  return kept;
}

function textSvg(x: number, y: number, size: number, content: string, extra = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" font-size="${size}"${extra}>${escapeXml(content)}</text>`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Lines of text at `size` from `top`: each line's baseline. */
function linesSvg(
  x: number,
  top: number,
  size: number,
  lines: readonly string[],
  extra = '',
): string {
  return lines
    .map((line, index) => textSvg(x, top + size * (0.9 + index * LINE), size, line, extra))
    .join('');
}

function linesHeight(count: number, size: number): number {
  return count === 0 ? 0 : size * (0.9 + (count - 1) * LINE) + size * 0.3;
}

/** What one note says, laid out: its text, its figures and (when earlier) its round. */
interface NoteContent {
  cardId: string;
  x: number;
  textLines: string[];
  /** The card text's language, as an attribute (empty when it is the picture's). */
  textLang: string;
  figureLines: string[];
  fromRound: number | null;
  label: LatestFigures['summary']['label'];
  q1: number | null;
  q3: number | null;
  title: string;
}

interface LaidNote {
  id: string;
  /** The position, 0–1. */
  x: number;
  row: number;
  /** The note's left edge from the axis's start, in user units. */
  left: number;
}

/**
 * Lays notes in rows along the axis, in order of position: each goes into the first row where
 * it fits no more than MAX_NOTE_SHIFT to the right of where it would be centred on its position,
 * else into a new row. Fewer rows than centring every note, so a crowded lane stays short.
 */
export function layOutNotes(items: readonly { id: string; x: number }[]): LaidNote[] {
  const rowsRight: number[] = [];
  const sorted = [...items].sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1));
  return sorted.map((item) => {
    const ideal = Math.min(
      Math.max(item.x * AXIS_WIDTH - NOTE_WIDTH / 2, 0),
      AXIS_WIDTH - NOTE_WIDTH,
    );
    let row = rowsRight.findIndex((right) => {
      const left = Math.max(ideal, right + NOTE_GAP);
      return left - ideal <= MAX_NOTE_SHIFT && left + NOTE_WIDTH <= AXIS_WIDTH;
    });
    if (row === -1) {
      row = rowsRight.length;
      rowsRight.push(Number.NEGATIVE_INFINITY);
    }
    const left = Math.max(ideal, (rowsRight[row] ?? 0) + NOTE_GAP);
    rowsRight[row] = left + NOTE_WIDTH;
    return { ...item, row, left };
  });
}

function noteHeight(note: NoteContent): number {
  const lines = note.textLines.length + note.figureLines.length + (note.fromRound === null ? 0 : 1);
  return 2 * NOTE_PADDING + linesHeight(lines, SMALL);
}

function noteContents(input: BoardPictureInput, elementIndex: number): NoteContent[] {
  const { tr } = input;
  const element = input.rubric.elements[elementIndex];
  if (!element) return [];
  return element.cards.flatMap((card) => {
    const figures = input.cards[card.id];
    const agreed = input.final[card.id];
    const median = figures?.summary.median ?? null;
    const x = agreed?.x ?? median;
    if (x === null || x === undefined || !figures) return [];
    const label = figures.summary.label;
    const text = cardText(input.rubric, card, tr);
    const figureLine = [
      agreed
        ? tr.t('report.picture.agreed', { position: tr.percent(agreed.x) })
        : tr.t('report.picture.median', { position: tr.percent(x) }),
      median === null ? null : tr.t(`report.picture.label.${label}`),
    ]
      .filter(Boolean)
      .join(' · ');
    const fromRound = figures.fromRound;
    return [
      {
        cardId: card.id,
        x,
        textLines: wrapText(text.text, NOTE_CHARS, NOTE_TEXT_LINES),
        textLang: langAttribute(text, tr),
        figureLines: wrapText(figureLine, NOTE_CHARS, 2),
        fromRound,
        label,
        q1: figures.summary.q1,
        q3: figures.summary.q3,
        title:
          fromRound === null
            ? tr.t('report.picture.noteTitle', { text: text.text, figures: figureLine })
            : tr.t('report.picture.noteTitleEarlier', {
                text: text.text,
                figures: figureLine,
                round: fromRound,
              }),
      },
    ];
  });
}

/** The sentence under an element's name: what is true of its figures, no placeholders. */
function elementFacts(input: BoardPictureInput, elementIndex: number): string {
  const { tr } = input;
  const element = input.rubric.elements[elementIndex];
  if (!element) return '';
  const summary = input.elements[element.id];
  const figures = element.cards.map((card) => input.cards[card.id]);
  const placed = figures.filter((latest) => latest && latest.placed > 0).length;
  if (placed === 0) return tr.t('report.picture.noPlacements');
  const facts: string[] = [];
  if (summary?.position != null) {
    facts.push(tr.t('report.picture.position', { position: tr.percent(summary.position) }));
    facts.push(
      summary.rwgJ === null
        ? tr.t('report.picture.agreementNotMeasured')
        : tr.t('report.picture.agreement', {
            agreement: tr.percent(Math.max(0, summary.rwgJ)),
          }),
    );
    if (summary.polarizedCount > 0) {
      facts.push(tr.t('report.picture.polarized', { count: summary.polarizedCount }));
    }
  }
  // Cards placed but without figures on this screen: too few to show, or not revealed yet.
  const unshown = figures.filter(
    (latest) => latest && latest.placed > 0 && latest.summary.median === null,
  );
  const few = unshown.filter((latest) => (latest?.placed ?? 0) < MIN_PLACEMENTS_FOR_DOTS).length;
  if (few > 0) facts.push(tr.t('report.picture.tooFew', { count: few }));
  const notRevealed = unshown.filter(
    (latest) => latest && latest.placed >= MIN_PLACEMENTS_FOR_DOTS && latest.fromRound === null,
  ).length;
  if (notRevealed > 0) facts.push(tr.t('report.picture.notRevealed', { count: notRevealed }));
  const closedHidden = unshown.length - few - notRevealed;
  if (closedHidden > 0) facts.push(tr.t('report.picture.closedHidden', { count: closedHidden }));
  const earlier = [
    ...new Set(
      figures.flatMap((latest) =>
        latest?.fromRound != null && latest.summary.median !== null ? [latest.fromRound] : [],
      ),
    ),
  ].sort((a, b) => a - b);
  if (earlier.length > 0) {
    const count = figures.filter(
      (latest) => latest?.fromRound != null && latest.summary.median !== null,
    ).length;
    facts.push(
      tr.t('report.picture.earlier', {
        count,
        rounds: tr.list(earlier.map((round) => tr.number(round))),
      }),
    );
  }
  return facts.join(' · ');
}

interface LaneLayout {
  height: number;
  render(top: number, extra: number): string;
}

function laneLayout(input: BoardPictureInput, elementIndex: number): LaneLayout {
  const { tr } = input;
  const element = input.rubric.elements[elementIndex];
  const summary = element ? input.elements[element.id] : undefined;
  const innerWidth = PICTURE_WIDTH - 2 * MARGIN - 2 * LANE_PADDING;
  const name = element ? elementName(input.rubric, element, tr) : { text: '', lang: tr.lang };
  const heading = tr.t('report.picture.heading', { number: elementIndex + 1, name: name.text });
  const headingLines = wrapText(heading, charsIn(innerWidth, HEADING), 2);
  const facts = elementFacts(input, elementIndex);
  // The facts follow the name on its line when both fit, else they wrap below it.
  const headingWidth = (headingLines[0]?.length ?? 0) * HEADING * CHAR_WIDTH + 16;
  const besideHeading =
    headingLines.length === 1 && headingWidth + facts.length * BODY * CHAR_WIDTH <= innerWidth;
  const factLines = besideHeading ? [] : wrapText(facts, charsIn(innerWidth, BODY), 3);
  const headerHeight =
    LANE_PADDING + linesHeight(headingLines.length, HEADING) + linesHeight(factLines.length, BODY);

  const contents = noteContents(input, elementIndex);
  const notes = layOutNotes(contents.map((note) => ({ id: note.cardId, x: note.x })));
  const rowCount = notes.reduce((rows, note) => Math.max(rows, note.row + 1), 0);
  const rowHeights = Array.from({ length: rowCount }, () => 0);
  const byId = new Map(contents.map((note) => [note.cardId, note]));
  for (const note of notes) {
    const content = byId.get(note.id);
    if (!content) continue;
    rowHeights[note.row] = Math.max(rowHeights[note.row] ?? 0, noteHeight(content));
  }
  const notesHeight = rowHeights.reduce((sum, height) => sum + height + NOTE_GAP, 0);
  const arrows = sinceArrows(input, elementIndex);
  const arrowsHeight = arrows.length === 0 ? 0 : arrows.length * ARROW_ROW + 6;
  const height = headerHeight + 4 + notesHeight + arrowsHeight + AXIS_AREA;

  return {
    height,
    render(top, extra) {
      const laneHeight = height + extra;
      const parts: string[] = [
        `<rect x="${MARGIN}" y="${round(top)}" width="${PICTURE_WIDTH - 2 * MARGIN}" height="${round(laneHeight)}" rx="6" fill="#ffffff" stroke="#dde1e6"/>`,
        linesSvg(
          MARGIN + LANE_PADDING,
          top + LANE_PADDING,
          HEADING,
          headingLines,
          ` font-weight="700"${langAttribute(name, tr)}`,
        ),
        besideHeading
          ? textSvg(
              MARGIN + LANE_PADDING + headingWidth,
              top + LANE_PADDING + HEADING * 0.9,
              BODY,
              facts,
              ` fill="${MUTED}"`,
            )
          : linesSvg(
              MARGIN + LANE_PADDING,
              top + LANE_PADDING + linesHeight(headingLines.length, HEADING),
              BODY,
              factLines,
              ` fill="${MUTED}"`,
            ),
      ];
      const axisY = top + laneHeight - AXIS_AREA + 10;
      parts.push(
        `<line x1="${AXIS_LEFT}" y1="${round(axisY)}" x2="${AXIS_RIGHT}" y2="${round(axisY)}" stroke="url(#axis)" stroke-width="4" stroke-linecap="round"/>`,
      );
      for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
        const x = round(AXIS_LEFT + tick * AXIS_WIDTH);
        parts.push(
          `<line x1="${x}" y1="${round(axisY - 5)}" x2="${x}" y2="${round(axisY + 5)}" stroke="#8a949e"/>`,
        );
      }
      if (summary?.position != null) {
        const markerX = round(AXIS_LEFT + summary.position * AXIS_WIDTH);
        parts.push(
          `<path d="M${markerX} ${round(axisY + 4)} l-7 12 h14 z" fill="${INK}"><title>${escapeXml(tr.t('report.picture.elementPosition', { position: tr.percent(summary.position) }))}</title></path>`,
        );
      }
      const rowTops: number[] = [];
      let rowTop = top + headerHeight + 4 + extra / 2;
      for (const rowHeight of rowHeights) {
        rowTops.push(rowTop);
        rowTop += rowHeight + NOTE_GAP;
      }
      const dots: string[] = [];
      // Drawn before every note, so no note's text is ever crossed by another's whiskers.
      const whiskers: string[] = [];
      const notesSvg: string[] = [];
      for (const note of notes) {
        const content = byId.get(note.id);
        if (!content) continue;
        const y = rowTops[note.row] ?? 0;
        const noteX = AXIS_LEFT + note.left;
        const pointerX = round(AXIS_LEFT + note.x * AXIS_WIDTH);
        const h = noteHeight(content);
        if (content.q1 !== null && content.q3 !== null) {
          // The middle half as whiskers through the note, capped at both quartiles.
          const q1 = round(AXIS_LEFT + content.q1 * AXIS_WIDTH);
          const q3 = round(AXIS_LEFT + content.q3 * AXIS_WIDTH);
          const mid = round(y + h / 2);
          whiskers.push(
            `<path d="M${q1} ${mid}H${q3}M${q1} ${round(mid - 5)}v10M${q3} ${round(mid - 5)}v10" stroke="#0072B2" stroke-opacity="0.45" stroke-width="2" fill="none"/>`,
          );
        }
        const earlier = content.fromRound !== null;
        const textX = noteX + NOTE_PADDING;
        const textTop = y + NOTE_PADDING;
        const figureTop = textTop + content.textLines.length * SMALL * LINE;
        notesSvg.push(
          `<g data-card-id="${escapeXml(content.cardId)}"><title>${escapeXml(content.title)}</title>`,
          `<rect x="${round(noteX)}" y="${round(y)}" width="${NOTE_WIDTH}" height="${round(h)}" rx="4" fill="#fffbea" stroke="${CONSENSUS_LABEL_COLORS[content.label]}" stroke-width="2.5"${earlier ? ' stroke-dasharray="6 3"' : ''}/>`,
          linesSvg(textX, textTop, SMALL, content.textLines, content.textLang),
          linesSvg(textX, figureTop, SMALL, content.figureLines, ` fill="${MUTED}"`),
          earlier
            ? linesSvg(
                textX,
                figureTop + content.figureLines.length * SMALL * LINE,
                SMALL,
                [tr.t('report.picture.fromRound', { round: content.fromRound })],
                ` fill="${EARLIER}" font-weight="700"`,
              )
            : '',
          // The note's exact position, wherever the note sits.
          `<path d="M${pointerX} ${round(y + h + NOTE_GAP - 1)} l-5 -7 h10 z" fill="${CONSENSUS_LABEL_COLORS[content.label]}"/>`,
          '</g>',
        );
      }
      for (const card of element?.cards ?? []) {
        for (const position of input.cards[card.id]?.positions ?? []) {
          dots.push(
            `<circle cx="${round(AXIS_LEFT + position * AXIS_WIDTH)}" cy="${round(axisY)}" r="2.4" fill="${MUTED}" fill-opacity="0.45"/>`,
          );
        }
      }
      const arrowsTop = top + laneHeight - AXIS_AREA - arrowsHeight;
      const arrowsSvg = arrows.map((arrow, index) =>
        arrowSvg(arrow, arrowsTop + 3 + (index + 0.5) * ARROW_ROW),
      );
      return (
        parts.join('') + whiskers.join('') + notesSvg.join('') + arrowsSvg.join('') + dots.join('')
      );
    },
  };
}

interface SinceArrow {
  cardId: string;
  earlier: number;
  now: number;
  large: boolean;
  title: string;
}

/** The element's cards with a then and a now, in order of where they stand now. */
function sinceArrows(input: BoardPictureInput, elementIndex: number): SinceArrow[] {
  const { tr, since } = input;
  const element = input.rubric.elements[elementIndex];
  if (!since || !element) return [];
  return element.cards
    .flatMap((card) => {
      const move = since[card.id];
      if (!move || move.now === null) return [];
      const text = cardText(input.rubric, card, tr).text;
      const words = tr.t('report.picture.sinceArrow', {
        before: tr.percent(move.earlier),
        now: tr.percent(move.now),
      });
      return [
        {
          cardId: card.id,
          earlier: move.earlier,
          now: move.now,
          large: move.large,
          title: `${text}: ${words}`,
        },
      ];
    })
    .sort((a, b) => a.now - b.now || (a.cardId < b.cardId ? -1 : 1));
}

/** An arrow from then (a hollow diamond) to now (the head), on its own row at `y`. */
function arrowSvg(arrow: SinceArrow, y: number): string {
  const from = round(AXIS_LEFT + arrow.earlier * AXIS_WIDTH);
  const to = round(AXIS_LEFT + arrow.now * AXIS_WIDTH);
  const colour = arrow.large ? LARGE_MOVE : MUTED;
  const width = arrow.large ? 2.5 : 1.5;
  const direction = Math.sign(to - from);
  const head =
    direction === 0
      ? `<circle cx="${to}" cy="${round(y)}" r="3" fill="${colour}"/>`
      : `<path d="M${to} ${round(y)} l${-direction * 7} -4 v8 z" fill="${colour}"/>`;
  return [
    `<g data-since-card-id="${escapeXml(arrow.cardId)}"><title>${escapeXml(arrow.title)}</title>`,
    `<path d="M${from} ${round(y - 4)} l4 4 l-4 4 l-4 -4 z" fill="#ffffff" stroke="${colour}" stroke-width="1.5"/>`,
    direction === 0
      ? ''
      : `<line x1="${from}" y1="${round(y)}" x2="${round(to - direction * 6)}" y2="${round(y)}" stroke="${colour}" stroke-width="${width}"/>`,
    head,
    '</g>',
  ].join('');
}

export function boardPictureSvg(input: BoardPictureInput): string {
  const { tr } = input;
  const innerWidth = PICTURE_WIDTH - 2 * MARGIN;
  const titleLines = wrapText(input.title, charsIn(innerWidth, TITLE), 2);
  const sinceLegend = input.since ? ` ${tr.t('report.picture.sinceLegend')}` : '';
  const legend = tr.t('report.picture.legend', { subtitle: input.subtitle }) + sinceLegend;
  const legendLines = wrapText(legend, charsIn(innerWidth, SMALL), 3);
  let y = MARGIN;
  const header: string[] = [];
  header.push(linesSvg(MARGIN, y, TITLE, titleLines, ' font-weight="700"'));
  y += linesHeight(titleLines.length, TITLE);
  header.push(linesSvg(MARGIN, y, SMALL, legendLines, ` fill="${MUTED}"`));
  y += linesHeight(legendLines.length, SMALL) + 4;
  // The axis's two ends, once for every lane (the lanes share the axis's scale).
  const ends = axisEnds(input.rubric, tr);
  const start = tr.t('report.picture.axisStart', { label: ends.left.text, share: tr.percent(0) });
  const end = tr.t('report.picture.axisEnd', { label: ends.right.text, share: tr.percent(1) });
  header.push(
    textSvg(
      AXIS_LEFT,
      y + SMALL * 0.9,
      SMALL,
      start,
      ` font-weight="700"${langAttribute(ends.left, tr)}`,
    ),
  );
  header.push(
    textSvg(
      AXIS_RIGHT,
      y + SMALL * 0.9,
      SMALL,
      end,
      ` font-weight="700" text-anchor="end"${langAttribute(ends.right, tr)}`,
    ),
  );
  y += linesHeight(1, SMALL) + 6;

  const lanes = input.rubric.elements.map((_, index) => laneLayout(input, index));
  const natural = lanes.reduce((sum, lane) => sum + lane.height + LANE_GAP, 0);
  // A sparse board fills an A4 page; a crowded one grows taller rather than shrinking its text.
  const height = Math.max(PICTURE_HEIGHT, Math.ceil(y + natural + MARGIN - LANE_GAP));
  const extra = lanes.length > 0 ? (height - MARGIN - y - natural + LANE_GAP) / lanes.length : 0;
  const drawn: string[] = [];
  for (const lane of lanes) {
    drawn.push(lane.render(y, extra));
    y += lane.height + extra + LANE_GAP;
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xml:lang="${escapeXml(tr.lang)}" width="${PICTURE_WIDTH}" height="${height}" viewBox="0 0 ${PICTURE_WIDTH} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" fill="${INK}">`,
    // User-space units: a horizontal line has no height, so a bounding-box gradient would vanish.
    `<defs><linearGradient id="axis" gradientUnits="userSpaceOnUse" x1="${AXIS_LEFT}" y1="0" x2="${AXIS_RIGHT}" y2="0"><stop offset="0" stop-color="#D55E00"/><stop offset="0.5" stop-color="#b9b9b9"/><stop offset="1" stop-color="#009E73"/></linearGradient></defs>`,
    `<rect width="${PICTURE_WIDTH}" height="${height}" fill="#f6f4ef"/>`,
    header.join(''),
    drawn.join(''),
    '</svg>',
  ].join('');
}

/** The width and height an SVG of this module declares (for rasterising it). */
export function pictureSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? PICTURE_WIDTH);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? PICTURE_HEIGHT);
  return { width, height };
}
