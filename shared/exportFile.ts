/**
 * An export as a file to download or write: its text, its media type and its name
 * (board title slug + export date, e.g. `partnership-retreat-2025-05-01-placements.csv`).
 * The server's routes, the command line and the client's Export menu all name files this way.
 * The CSV files can be made in another of the rubric's languages (`-es` before `-anonymous` in
 * the name); the JSON snapshot holds every language, so it has none. The rubric file is the
 * board's rubric as a rubric file (shared/rubricInput.ts), to start another board from.
 */

import { rubricToInput } from './rubricFile.ts';
import type { Snapshot } from './snapshot/schema.ts';
import { cardsCsv, placementsCsv } from './snapshotCsv.ts';

export const EXPORT_FORMATS = ['json', 'placements-csv', 'cards-csv', 'rubric-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** Whether the CSV files can be made in `language`: the rubric has every text in it. */
export function isExportLanguage(snapshot: Pick<Snapshot, 'languages'>, language: string): boolean {
  return snapshot.languages.includes(language);
}

/**
 * `language`: the CSV files' language for rubric texts, one of `snapshot.languages` (absent: the
 * rubric's own).
 */
export function exportFile(
  snapshot: Snapshot,
  format: ExportFormat,
  language?: string,
): ExportFile {
  // The rubric's own language is the plain file: only another one is named.
  const translated = language !== undefined && language !== snapshot.languages[0];
  const csvLanguage = translated ? language : undefined;
  const name = (base: string, extension: string, named: string | undefined) =>
    exportFileName(
      snapshot.board.title,
      snapshot.exportedAt,
      `${base}${named ? `-${named}` : ''}${snapshot.anonymous ? '-anonymous' : ''}.${extension}`,
    );
  switch (format) {
    case 'json':
      return {
        body: `${JSON.stringify(snapshot, null, 2)}\n`,
        contentType: JSON_TYPE,
        fileName: name('snapshot', 'json', undefined),
      };
    case 'placements-csv':
      return {
        body: placementsCsv(snapshot, csvLanguage),
        contentType: CSV_TYPE,
        fileName: name('placements', 'csv', csvLanguage),
      };
    case 'cards-csv':
      return {
        body: cardsCsv(snapshot, csvLanguage),
        contentType: CSV_TYPE,
        fileName: name('cards', 'csv', csvLanguage),
      };
    case 'rubric-json':
      return {
        body: `${JSON.stringify(rubricToInput(snapshot.rubric), null, 2)}\n`,
        contentType: JSON_TYPE,
        fileName: name('rubric', 'json', undefined),
      };
    default:
      return format satisfies never;
  }
}

/** `Partnership Retreat`, `2025-05-01T…Z`, `cards.csv` → `partnership-retreat-2025-05-01-cards.csv`. */
export function exportFileName(title: string, isoTime: string, name: string): string {
  return `${titleSlug(title)}-${isoTime.slice(0, 10)}-${name}`;
}

/** Lowercase ASCII letters and digits joined by dashes (accents dropped), at most 60 long. */
export function titleSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'board';
}
