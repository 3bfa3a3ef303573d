/**
 * The export command's arguments. Board ids are base64url, so about one in 64 begins with `-`;
 * `node:util` parseArgs takes `--board -8i6k…` for two options, so every value-taking option is
 * joined with the word after it (`--board=-8i6k…`) before parsing: `--board ID` works for any id.
 */
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/exportFile.ts';
import { LANGUAGE_TAG_PATTERN } from '../shared/snapshot/schema.ts';

export const EXPORT_USAGE = `usage: npm run export -- --board ID --format ${EXPORT_FORMATS.join('|')} [--anonymous] [--lang LANG] --out FILE`;

/** A mistake in the command line: the usage line helps. */
export class UsageError extends Error {}

export interface ExportRequest {
  boardId: string;
  format: ExportFormat;
  anonymous: boolean;
  /** The CSV files' language for rubric texts (`es`); absent: the rubric's own. */
  lang?: string;
  out: string;
}

const VALUE_OPTIONS = ['--board', '--format', '--out', '--lang'];

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** `--board X` → `--board=X` for every option that takes a value, whatever X begins with. */
function joinOptionValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const value = args[index + 1];
    if (VALUE_OPTIONS.includes(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

export function parseExportArgs(args: readonly string[]): ExportRequest {
  let values: { board?: string; format?: string; anonymous?: boolean; lang?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(args),
      options: {
        board: { type: 'string' },
        format: { type: 'string' },
        anonymous: { type: 'boolean' },
        lang: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { board, format, lang, out } = values;
  if (!board) throw new UsageError('--board ID is required');
  if (!format || !isFormat(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (!out) throw new UsageError('--out FILE is required');
  if (lang !== undefined && !LANGUAGE_TAG_PATTERN.test(lang)) {
    throw new UsageError('--lang must be a language tag like es');
  }
  const request: ExportRequest = {
    boardId: board,
    format,
    anonymous: values.anonymous === true,
    out,
  };
  if (lang !== undefined) request.lang = lang;
  return request;
}
