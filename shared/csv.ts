/**
 * CSV as RFC 4180 writes it (CRLF line ends; quotes doubled inside a quoted field), made safe to
 * open in a spreadsheet ("CSV injection"):
 * - every text cell is quoted, so a spreadsheet that splits on `;` or tabs (common in Europe)
 *   still reads it as one cell;
 * - `=`, `+`, `-`, `@`, a tab or a carriage return at the start of a cell, or right after a
 *   `,`, `;`, tab or line break inside it (where a spreadsheet that ignores the quotes would
 *   start a cell), gets a `'` before it, so it is never run as a formula.
 * Numbers stay numbers (a negative figure is not text) and are written without exponent; null
 * is an empty cell. Header names are ours, fixed and plain, and are written as they are.
 */

/** A cell: text (escaped), a number (written as is) or nothing (an empty cell). */
export type CsvCell = string | number | null;

/**
 * A formula character at the start of the cell or of anything a separator could split off. The
 * separator is looked behind, not consumed, so a separator that is itself a formula character
 * (a tab) is guarded and still guards what follows it (`a\t\t=1`).
 */
const FORMULA_START = /(?<=^|[,;\t\r\n])[=+\-@\t\r]/g;

/** One field, ready to join with commas. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return plainNumber(cell);
  const guarded = cell.replace(FORMULA_START, "'$&");
  return `"${guarded.replaceAll('"', '""')}"`;
}

/** A whole file: the header line, then one line per row, every line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}

/**
 * A finite number in plain decimal notation: `String` would write 1e-7 or 1.5e+21, which some
 * spreadsheets and parsers read as text. Not finite (never in our figures) is an empty cell.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = match;
  const digits = lead + fraction;
  // The decimal point sits after the first digit; the exponent moves it.
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
