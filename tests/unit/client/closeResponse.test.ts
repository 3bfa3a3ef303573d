/** What the board does for each way the server can close its connection. */
import { describe, expect, it } from 'vitest';
import {
  closeResponse,
  PLACING_CLOSED,
  SAVING_PAUSED,
} from '../../../client/state/closeResponse.ts';
import { CLOSE_REASONS } from '../../../shared/closeCodes.ts';
import { WRITE_REJECTIONS } from '../../../shared/writeRules.ts';

describe('close responses', () => {
  it.each([
    [4403, WRITE_REJECTIONS.placingClosed, { kind: 'start-over', notice: PLACING_CLOSED }],
    [
      4403,
      CLOSE_REASONS.foreignClientId,
      {
        kind: 'start-over',
        notice: `${CLOSE_REASONS.foreignClientId} — your last move was not saved.`,
      },
    ],
    [4403, CLOSE_REASONS.boardFull, { kind: 'stopped', notice: `${CLOSE_REASONS.boardFull}.` }],
    [
      4401,
      'You were removed from this board',
      { kind: 'signed-out', notice: 'You were removed from this board.', forgetIdentity: true },
    ],
    [4401, CLOSE_REASONS.originNotAllowed, { kind: 'signed-out', forgetIdentity: false }],
    [
      4500,
      'This board cannot be opened',
      { kind: 'retrying', notice: 'This board cannot be opened' },
    ],
    // Saving paused: the device keeps its writes and sends them once the server takes them.
    [4507, CLOSE_REASONS.savingPaused, { kind: 'retrying', notice: SAVING_PAUSED }],
    [4529, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [4503, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [4504, '', { kind: 'retrying', notice: 'The server is busy — reconnecting…' }],
    [1001, 'The server is restarting', { kind: 'retrying', notice: null }],
    [1007, 'Malformed message', { kind: 'retrying', notice: null }],
    [4450, 'Something final', { kind: 'stopped', notice: 'Something final' }],
  ] as const)('%i %s', (code, reason, expected) => {
    expect(closeResponse(code, reason)).toMatchObject(expected);
  });
});
