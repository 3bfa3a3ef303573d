/**
 * The export command's arguments. Board ids are base64url, so about one in 64 begins with `-`;
 * `node:util` parseArgs takes `--board -8i6k…` for two options, so every value-taking option is
 * joined with the word after it (`--board=-8i6k…`) before parsing: `--board ID` works for any id.
 */
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/exportFile.ts';

export const EXPORT_USAGE = `usage: npm run export -- --board ID --format ${EXPORT_FORMATS.join('|')} [--anonymous] --out FILE`;

/** A mistake in the command line: the usage line helps. */
export class UsageError extends Error {}

export interface ExportRequest {
  boardId: string;
  format: ExportFormat;
  anonymous: boolean;
  out: string;
}

const VALUE_OPTIONS = ['--board', '--format', '--out'];

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
  let values: { board?: string; format?: string; anonymous?: boolean; out?: string };
  try {
    ({ values } = parseArgs({
      args: joinOptionValues(args),
      options: {
        board: { type: 'string' },
        format: { type: 'string' },
        anonymous: { type: 'boolean' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { board, format, out } = values;
  if (!board) throw new UsageError('--board ID is required');
  if (!format || !isFormat(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (!out) throw new UsageError('--out FILE is required');
  return { boardId: board, format, anonymous: values.anonymous === true, out };
}
