/** What the board does, and says, for each way the server can close its connection. */
import { describe, expect, it } from 'vitest';
import { closeResponse } from '../../../client/state/closeResponse.ts';
import { refusalText, WRITE_REJECTION_KEYS } from '../../../client/state/refusalText.ts';
import { CLOSE_REASONS, CLOSES } from '../../../shared/closeCodes.ts';
import { CATALOGUES } from '../../../shared/i18n/catalogues.ts';
import { translator } from '../../../shared/i18n/translator.ts';
import { WRITE_REJECTIONS } from '../../../shared/writeRules.ts';

const en = translator('en');
const es = translator('es');

describe('close responses', () => {
  it.each([
    [
      4403,
      WRITE_REJECTIONS.placingClosed,
      { kind: 'start-over', notice: 'Placing is closed — your last move was not saved.' },
    ],
    [
      4403,
      CLOSE_REASONS.foreignClientId,
      {
        kind: 'start-over',
        notice: `${CLOSE_REASONS.foreignClientId} — your last move was not saved.`,
      },
    ],
    [
      4403,
      CLOSE_REASONS.boardFull,
      {
        kind: 'stopped',
        notice:
          'This board is full: it has reached its storage limit. Export it and start a new one.',
      },
    ],
    [
      4401,
      CLOSE_REASONS.removed,
      { kind: 'signed-out', notice: 'You were removed from this board.', forgetIdentity: true },
    ],
    [4401, CLOSE_REASONS.originNotAllowed, { kind: 'signed-out', forgetIdentity: false }],
    [
      4500,
      CLOSE_REASONS.roomUnavailable,
      { kind: 'retrying', notice: 'This board cannot be loaded right now.' },
    ],
    // Saving paused: the device keeps its writes and sends them once the server takes them.
    [
      4507,
      CLOSE_REASONS.savingPaused,
      {
        kind: 'retrying',
        notice:
          'Saving is paused on the server — your changes are kept on this device and will be sent when it resumes.',
      },
    ],
    [4529, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [4503, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [4504, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [1001, 'The server is restarting', { kind: 'retrying', notice: null }],
    [1007, 'Malformed message', { kind: 'retrying', notice: null }],
    [
      4450,
      'Something final',
      { kind: 'stopped', notice: 'The connection to the board was closed.' },
    ],
  ] as const)('%i %s', (code, reason, expected) => {
    expect(closeResponse(code, reason, en)).toMatchObject(expected);
  });

  it('word every close the server sends in Spanish, never in its English reason', () => {
    for (const [name, close] of Object.entries(CLOSES)) {
      const notice = closeResponse(close.code, close.reason, es).notice;
      if (notice === null) continue; // the provider reconnects without a word
      expect(notice, name).not.toContain(close.reason);
      expect(notice, name).not.toBe(CATALOGUES.es['server.close.unknown']);
      expect(notice, name).not.toBe(closeResponse(close.code, close.reason, en).notice);
    }
  });

  it('word a refused write in Spanish, and an unknown reason with the general sentence', () => {
    expect(closeResponse(4403, WRITE_REJECTIONS.placingClosed, es).notice).toBe(
      'La colocación está cerrada: tu último movimiento no se guardó.',
    );
    expect(closeResponse(4403, WRITE_REJECTIONS.locked, es).notice).toBe(
      'La sesión está bloqueada; solo se puede desbloquear: tu último cambio no se guardó.',
    );
    expect(closeResponse(4403, 'A reason from a newer server', es).notice).toBe(
      'Ese cambio fue rechazado: tu último cambio no se guardó.',
    );
    expect(closeResponse(4401, 'A reason from a newer server', es).notice).toBe(
      'Este enlace ya no es válido para este tablero.',
    );
    expect(closeResponse(4500, 'A reason from a newer server', es).notice).toBe(
      'Se cerró la conexión con el tablero.',
    );
  });

  it('have words for every refusal the write rules can give, in both languages', () => {
    expect(Object.keys(WRITE_REJECTION_KEYS).sort()).toEqual(Object.keys(WRITE_REJECTIONS).sort());
    for (const reason of Object.values(WRITE_REJECTIONS)) {
      expect(refusalText(en, reason)).not.toBe(en.t('server.write.refused'));
      expect(refusalText(es, reason)).not.toBe(refusalText(en, reason));
    }
  });
});
