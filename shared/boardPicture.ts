/**
 * The picture of the board people take home: an SVG drawn from the board's figures, sized for A4
 * landscape. Six lanes in the rubric's order, each with its element's position and agreement, and
 * every card as a note at its agreed position (or the group's median) with the middle half of
 * the group as a bar behind it and the placements as dots on the axis. Pure: a string out, so
 * the browser (SVG and PNG downloads) and the server draw the same picture.
 */
import type { FinalPosition } from './boardDoc.ts';
import type { CardSummary } from './consensus/cardSummary.ts';
import type { ElementSummary } from './consensus/rollUp.ts';
import { CONSENSUS_LABEL_COLORS } from './palette.ts';
import { AXIS_END_LABEL, AXIS_START_LABEL, type Rubric } from './rubric.ts';
import { packNotes } from './wallLayout.ts';

/** A4 landscape at 4 px per millimetre. */
export const PICTURE_WIDTH = 1188;
export const PICTURE_HEIGHT = 840;

export interface BoardPictureInput {
  title: string;
  /** A line under the title, e.g. the date and phase. */
  subtitle: string;
  rubric: Rubric;
  summaries: Readonly<Record<string, CardSummary | undefined>>;
  /** cardId → the counted positions, drawn as dots. */
  positions: Readonly<Record<string, readonly number[] | undefined>>;
  final: Readonly<Record<string, FinalPosition | undefined>>;
  elements: Readonly<Record<string, ElementSummary | undefined>>;
}

const MARGIN = 24;
const HEADER = 64;
const LEFT_COLUMN = 190;
const AXIS_LEFT = MARGIN + LEFT_COLUMN + 12;
const AXIS_RIGHT = PICTURE_WIDTH - MARGIN - 12;
const AXIS_WIDTH = AXIS_RIGHT - AXIS_LEFT;
const NOTE_WIDTH = 0.17;
const NOTE_HEIGHT = 30;
const ROW_GAP = 4;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Splits a card's text into at most two short lines that fit a note. */
function noteLines(text: string, maxChars: number): [string, string] {
  const words = text.split(/\s+/);
  let first = '';
  let index = 0;
  while (index < words.length && `${first} ${words[index]}`.trim().length <= maxChars) {
    first = `${first} ${words[index]}`.trim();
    index += 1;
  }
  let second = words.slice(index).join(' ');
  if (second.length > maxChars) second = `${second.slice(0, maxChars - 1).trimEnd()}…`;
  return [first || text.slice(0, maxChars), second];
}

function laneSvg(
  input: BoardPictureInput,
  elementIndex: number,
  top: number,
  height: number,
): string {
  const element = input.rubric.elements[elementIndex];
  if (!element) return '';
  const summary = input.elements[element.id];
  const axisY = top + height - 18;
  const parts: string[] = [];
  parts.push(
    `<rect x="${MARGIN}" y="${top}" width="${PICTURE_WIDTH - 2 * MARGIN}" height="${height - 6}" rx="6" fill="#ffffff" stroke="#dde1e6"/>`,
    `<text x="${MARGIN + 10}" y="${top + 20}" font-size="14" font-weight="700">${elementIndex + 1}. ${escapeXml(element.name)}</text>`,
  );
  if (summary?.position != null) {
    parts.push(
      `<text x="${MARGIN + 10}" y="${top + 38}" font-size="11">position ${percent(summary.position)} toward partnership</text>`,
      `<text x="${MARGIN + 10}" y="${top + 53}" font-size="11">agreement ${summary.rwgJ === null ? '—' : percent(Math.max(0, summary.rwgJ))}${summary.polarizedCount > 0 ? ` · ${summary.polarizedCount} split` : ''}</text>`,
    );
    const markerX = AXIS_LEFT + summary.position * AXIS_WIDTH;
    parts.push(
      `<path d="M${markerX} ${axisY + 3} l-6 10 h12 z" fill="#1d232b"><title>Element position ${percent(summary.position)}</title></path>`,
    );
  } else {
    parts.push(
      `<text x="${MARGIN + 10}" y="${top + 38}" font-size="11" fill="#666">no placements yet</text>`,
    );
  }
  parts.push(
    `<line x1="${AXIS_LEFT}" y1="${axisY}" x2="${AXIS_RIGHT}" y2="${axisY}" stroke="url(#axis)" stroke-width="4" stroke-linecap="round"/>`,
  );
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = AXIS_LEFT + tick * AXIS_WIDTH;
    parts.push(`<line x1="${x}" y1="${axisY - 5}" x2="${x}" y2="${axisY + 5}" stroke="#8a949e"/>`);
  }
  const items = element.cards.flatMap((card) => {
    const x = input.final[card.id]?.x ?? input.summaries[card.id]?.median ?? null;
    return x === null ? [] : [{ id: card.id, x }];
  });
  const notes = packNotes(items, NOTE_WIDTH);
  // Crowded lanes get smaller notes rather than spilling into the next lane.
  const rows = Math.max(1, ...notes.map((note) => note.row + 1));
  const available = axisY - 8 - (top + 8);
  const scale = Math.min(1, available / (rows * (NOTE_HEIGHT + ROW_GAP)));
  const noteHeight = NOTE_HEIGHT * scale;
  for (const note of notes) {
    const card = element.cards.find((candidate) => candidate.id === note.id);
    const cardSummary = input.summaries[note.id];
    if (!card || !cardSummary) continue;
    const y = top + 8 + note.row * (noteHeight + ROW_GAP * scale);
    const noteX = AXIS_LEFT + note.left * AXIS_WIDTH;
    const noteW = NOTE_WIDTH * AXIS_WIDTH;
    const centreY = y + noteHeight / 2;
    if (cardSummary.q1 !== null && cardSummary.q3 !== null) {
      parts.push(
        `<rect x="${AXIS_LEFT + cardSummary.q1 * AXIS_WIDTH}" y="${centreY - 4}" width="${Math.max(2, (cardSummary.q3 - cardSummary.q1) * AXIS_WIDTH)}" height="8" rx="4" fill="#0072B2" fill-opacity="0.14"/>`,
      );
    }
    const agreed = input.final[card.id];
    const [line1, line2] = noteLines(card.text, 30);
    const label = `${agreed ? `agreed ${percent(agreed.x)}` : `median ${percent(note.x)}`} · ${cardSummary.label}`;
    parts.push(
      `<g><title>${escapeXml(`${card.text} — ${label}`)}</title>`,
      `<rect x="${noteX}" y="${y}" width="${noteW}" height="${noteHeight}" rx="4" fill="#fffbea" stroke="${CONSENSUS_LABEL_COLORS[cardSummary.label]}" stroke-width="2"/>`,
      `<text x="${noteX + 5}" y="${y + 11 * scale}" font-size="${9 * scale}">${escapeXml(line1)}</text>`,
      `<text x="${noteX + 5}" y="${y + 20 * scale}" font-size="${9 * scale}">${escapeXml(line2)}</text>`,
      `<text x="${noteX + 5}" y="${y + 28 * scale}" font-size="${7.5 * scale}" fill="#4a5562">${escapeXml(label)}</text>`,
      '</g>',
    );
    for (const position of input.positions[card.id] ?? []) {
      parts.push(
        `<circle cx="${AXIS_LEFT + position * AXIS_WIDTH}" cy="${axisY}" r="2.2" fill="#4a5562" fill-opacity="0.6"/>`,
      );
    }
  }
  return parts.join('');
}

export function boardPictureSvg(input: BoardPictureInput): string {
  const laneCount = Math.max(1, input.rubric.elements.length);
  const laneHeight = (PICTURE_HEIGHT - HEADER - MARGIN) / laneCount;
  const lanes = input.rubric.elements
    .map((_, index) => laneSvg(input, index, HEADER + index * laneHeight, laneHeight))
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" viewBox="0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" fill="#1d232b">`,
    // User-space units: a horizontal line has no height, so a bounding-box gradient would vanish.
    `<defs><linearGradient id="axis" gradientUnits="userSpaceOnUse" x1="${AXIS_LEFT}" y1="0" x2="${AXIS_RIGHT}" y2="0"><stop offset="0" stop-color="#D55E00"/><stop offset="0.5" stop-color="#b9b9b9"/><stop offset="1" stop-color="#009E73"/></linearGradient></defs>`,
    `<rect width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" fill="#f6f4ef"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="20" font-weight="700">${escapeXml(input.title)}</text>`,
    `<text x="${MARGIN}" y="${MARGIN + 32}" font-size="11" fill="#4a5562">${escapeXml(input.subtitle)}</text>`,
    `<text x="${AXIS_LEFT}" y="${MARGIN + 32}" font-size="11" fill="#4a5562">← ${escapeXml(AXIS_START_LABEL)}</text>`,
    `<text x="${AXIS_RIGHT}" y="${MARGIN + 32}" font-size="11" fill="#4a5562" text-anchor="end">${escapeXml(AXIS_END_LABEL)} →</text>`,
    lanes,
    '</svg>',
  ].join('');
}
