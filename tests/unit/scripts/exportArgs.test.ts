/** The export command reads `--board ID` for every base64url id, also those beginning with `-`. */
import { describe, expect, it } from 'vitest';
import { parseExportArgs, UsageError } from '../../../scripts/exportArgs.ts';

describe('the export command line', () => {
  it.each(['-8i6kQ2xVbZ9fLr0aYw3TtA', '--fakeLongOptionLikeId_x', '-', 'aB3_-z'])(
    'takes --board %s as the board id',
    (boardId) => {
      expect(parseExportArgs(['--board', boardId, '--format', 'json', '--out', 'b.json'])).toEqual({
        boardId,
        format: 'json',
        anonymous: false,
        out: 'b.json',
      });
    },
  );

  it('takes the options in any order, with --anonymous and --name=value forms', () => {
    expect(
      parseExportArgs(['--out', '-out.csv', '--anonymous', '--format=cards-csv', '--board', '-x']),
    ).toEqual({ boardId: '-x', format: 'cards-csv', anonymous: true, out: '-out.csv' });
  });

  it('takes --lang with a language tag, and refuses what is no tag', () => {
    expect(
      parseExportArgs([
        '--board',
        'b',
        '--format',
        'cards-csv',
        '--lang',
        'es-MX',
        '--out',
        'c.csv',
      ]),
    ).toEqual({ boardId: 'b', format: 'cards-csv', anonymous: false, lang: 'es-MX', out: 'c.csv' });
    expect(() =>
      parseExportArgs(['--board', 'b', '--format', 'json', '--lang', 'Español', '--out', 'x']),
    ).toThrow(UsageError);
  });

  it('still refuses unknown options and missing values', () => {
    expect(() => parseExportArgs(['--board', 'b', '--colour'])).toThrow(UsageError);
    expect(() => parseExportArgs(['--format', 'json', '--out', 'x', '--board'])).toThrow(
      UsageError,
    );
  });
});
