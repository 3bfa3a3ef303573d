/**
 * Parses the rubric's source text (`shared/seed/elements-of-partnership.txt`): a two-column
 * table flattened to text. After the header, each element is a line that starts with a tab,
 * then its Vendor/Contractor cell, then its High Performance Partnership cell. A cell starts at
 * a line that begins with a tab; every `·` bullet is one indicator. Pure: takes the text.
 */
import type { CardColumn } from './rubric.ts';

export interface SeedElement {
  name: string;
  cards: { text: string; column: CardColumn }[];
}

const BULLET = '·';
const HEADER_CELLS = ['Element', 'Vendor/Contractor', 'High Performance Partnership'];

export function parseRubricSeed(text: string): SeedElement[] {
  const elements: SeedElement[] = [];
  let current: SeedElement | null = null;
  // Which cell of the current element the next bullet belongs to: -1 before the first cell.
  let cellIndex = -1;
  for (const rawLine of text.split(/\r?\n/)) {
    if (rawLine.trim() === '') continue;
    const startsCell = rawLine.startsWith('\t');
    const line = rawLine.trim();
    if (startsCell && !line.startsWith(BULLET)) {
      if (HEADER_CELLS.includes(line)) continue;
      current = { name: line, cards: [] };
      elements.push(current);
      cellIndex = -1;
      continue;
    }
    if (!line.startsWith(BULLET) || current === null) continue; // title lines above the table
    if (startsCell) cellIndex += 1;
    if (cellIndex < 0 || cellIndex > 1) {
      throw new Error(`Seed: element "${current.name}" has a bullet outside its two cells`);
    }
    current.cards.push({
      text: line.slice(BULLET.length).trim(),
      column: cellIndex === 0 ? 'vendor' : 'partnership',
    });
  }
  return elements;
}
