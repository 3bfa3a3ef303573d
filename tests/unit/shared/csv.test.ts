/** CSV encoding (RFC 4180, formula-safe) and the two export tables. */
import { describe, expect, it } from 'vitest';
import { type CsvCell, csvField, plainNumber, toCsv } from '../../../shared/csv.ts';
import { exportFile, exportFileName, titleSlug } from '../../../shared/exportFile.ts';
import { snapshotFromDoc } from '../../../shared/snapshot/fromDoc.ts';
import type { Snapshot } from '../../../shared/snapshot/schema.ts';
import {
  CARDS_CSV_HEADER,
  cardsCsv,
  PLACEMENTS_CSV_HEADER,
  placementsCsv,
} from '../../../shared/snapshotCsv.ts';
import { boardWithHistory, PEOPLE, T0 } from '../../support/boardHistory.ts';

describe('csvField', () => {
  it.each<[string, CsvCell, string]>([
    ['plain text', 'Trust', '"Trust"'],
    ['a comma', 'a, b', '"a, b"'],
    ['quotes', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return inside', 'one\r\ntwo', '"one\r\ntwo"'],
    ['a leading =', '=SUM(A1:A9)', '"\'=SUM(A1:A9)"'],
    ['a leading +', '+1', '"\'+1"'],
    ['a leading - in text', '-1 for this', '"\'-1 for this"'],
    ['a leading @', '@all', '"\'@all"'],
    ['a leading tab', '\tx', '"\'\tx"'],
    ['a leading carriage return', '\rx', '"\'\rx"'],
    ['a formula with a comma', '=HYPERLINK("x"), ok', '"\'=HYPERLINK(""x""), ok"'],
    ['an = not at the start', 'a=b', '"a=b"'],
    ['curly quotes and accents', 'Trust to “get” – Zoë', '"Trust to “get” – Zoë"'],
    ['empty text', '', '""'],
    ['null', null, ''],
    ['a number', 0.25, '0.25'],
    ['a negative number', -0.3125, '-0.3125'],
    ['zero', 0, '0'],
    ['an integer', 12, '12'],
  ])('writes %s', (_what, cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  // A spreadsheet that splits on `;` or tabs (or ignores the quotes) starts a cell after any of
  // these separators: whatever follows one must not run as a formula either.
  it.each<[string, string, string]>([
    ['after a semicolon', 'innocent;=1+1;x', '"innocent;\'=1+1;x"'],
    ['after a comma', 'a,+1', '"a,\'+1"'],
    ['after a tab', 'a\t@SUM(1)', '"a\t\'@SUM(1)"'],
    ['after a line feed', 'a\n-1', '"a\n\'-1"'],
    ['after two tabs', 'a\t\t=1', '"a\t\'\t\'=1"'],
    ['after a semicolon then a tab', ';\t=1', '";\'\t\'=1"'],
    ['every cell of many', '=1;=2,=3', "\"'=1;'=2,'=3\""],
    ['not after a space', 'a; =1', '"a; =1"'],
  ])('guards a formula %s', (_where, cell, expected) => {
    expect(csvField(cell)).toBe(expected);
  });

  it('leaves no cell that starts a formula, whichever separator a spreadsheet splits on', () => {
    const cell = csvField('innocent;=1+1;x\t+2,@3\n-4');
    const inner = cell.slice(1, -1);
    for (const separator of [',', ';', '\t', '\n']) {
      for (const part of inner.split(separator)) expect(part).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('plainNumber', () => {
  it.each([
    [1e-7, '0.0000001'],
    [-2.5e-10, '-0.00000000025'],
    [1.2345e-7, '0.00000012345'],
    [1.5e21, '1500000000000000000000'],
    [-0, '0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Number.NaN, ''],
  ])('writes %d as %s', (value, expected) => {
    expect(plainNumber(value)).toBe(expected);
    if (expected !== '') expect(Number(expected)).toBe(value === 0 ? 0 : value);
  });
});

describe('toCsv', () => {
  it('ends every line with CRLF, the header first', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          [null, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\n"x",1\r\n,"y,z"\r\n');
  });
});

/** Splits RFC 4180 text into rows of fields (enough of a reader to check our writer). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

function snapshotOf(anonymous: boolean): Snapshot {
  const snapshot = snapshotFromDoc(boardWithHistory(), 'b-1', { exportedAt: T0, anonymous });
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

describe('placementsCsv', () => {
  it('has one row per placement of every round, removed people left out', () => {
    const snapshot = snapshotOf(false);
    const [header, ...rows] = readCsv(placementsCsv(snapshot));
    expect(header?.join(',')).toBe(
      'board_id,board_title,element_id,element,card_id,card_text,column,participant,organisation,round,position,reason,placed_at',
    );
    expect(header).toEqual([...PLACEMENTS_CSV_HEADER]);
    const removed = snapshot.placements.filter((p) => p.participantId === PEOPLE.cy.id).length;
    expect(rows).toHaveLength(snapshot.placements.length - removed);
    expect(rows.some((row) => row.includes('Cy Coleridge'))).toBe(false);
    expect(rows[1]).toEqual([
      'b-1',
      'Retreat, "North" = 2025',
      'trust',
      'Trust',
      'trust.v1',
      'Relationship building occurs through work',
      'vendor',
      'Ben Brandt',
      'Alliance',
      '1',
      '0.52',
      '\'=HYPERLINK("x"), said the proxy',
      '2025-05-01T09:01:01.000Z',
    ]);
    // A closed round's position whose time is gone has an empty placed_at.
    expect(rows[0]?.slice(7)).toEqual(['Ana Alvarez', 'County', '1', '0.5', '', '']);
    const multiline = rows.find((row) => row[4] === 'trust.v2');
    expect(multiline?.[11]).toBe('Line one\nline two');
  });

  it('names nobody in the anonymised form', () => {
    const text = placementsCsv(snapshotOf(true));
    for (const person of Object.values(PEOPLE)) expect(text).not.toContain(person.name);
    expect(readCsv(text)[2]?.[7]).toBe('Participant 2');
  });
});

describe('cardsCsv', () => {
  it('has one row per card with its figures as numbers and the final position', () => {
    const snapshot = snapshotOf(false);
    const [header, ...rows] = readCsv(cardsCsv(snapshot));
    expect(header?.join(',')).toBe(
      'element_id,element,card_id,card_text,column,n,median,mean,q1,q3,iqr,rwg,ad_md,cns,label,final_position,note,baseline_median,baseline_rwg,change_since_baseline',
    );
    expect(header).toEqual([...CARDS_CSV_HEADER]);
    expect(rows).toHaveLength(snapshot.summaries.cards.length);
    const trust = rows[0] ?? [];
    const summary = snapshot.summaries.cards[0]?.summary;
    expect(trust.slice(0, 6)).toEqual([
      'trust',
      'Trust',
      'trust.v1',
      'Relationship building occurs through work',
      'vendor',
      '3',
    ]);
    expect(Number(trust[6])).toBe(summary?.median);
    expect(Number(trust[11])).toBe(summary?.rwg);
    expect(trust.slice(14)).toEqual(['weak', '0.66', '\'@all: agreed, with "care"', '', '', '']);
    // Unplaced cards: n = 0, empty figures, no final.
    const empty = rows.find((row) => row[2] === 'learning.v3');
    expect(empty?.slice(5)).toEqual([
      '0',
      ...['', '', '', '', '', '', '', ''],
      'no-data',
      ...['', '', '', '', ''],
    ]);
  });

  it('keeps a negative rwg a number', () => {
    const snapshot = snapshotOf(false);
    const first = snapshot.summaries.cards[0];
    if (!first) throw new Error('no card');
    first.summary.rwg = -0.45;
    expect(cardsCsv(snapshot).split('\r\n')[1]).toContain(',-0.45,');
  });
});

describe('exportFile', () => {
  it('names files by title slug and date, and types them', () => {
    const snapshot = snapshotOf(true);
    expect(exportFile(snapshot, 'json')).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      fileName: 'retreat-north-2025-2025-05-01-snapshot-anonymous.json',
    });
    expect(JSON.parse(exportFile(snapshot, 'json').body)).toEqual(snapshot);
    expect(exportFile(snapshot, 'cards-csv')).toMatchObject({
      contentType: 'text/csv; charset=utf-8',
      fileName: 'retreat-north-2025-2025-05-01-cards-anonymous.csv',
    });
    expect(exportFileName('Ça déménage!', '2025-01-02T00:00:00.000Z', 'x.csv')).toBe(
      'ca-demenage-2025-01-02-x.csv',
    );
    expect(titleSlug('***')).toBe('board');
  });
});
