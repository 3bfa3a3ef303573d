/**
 * A refused write's reason, in the reader's language. The server sends its reasons in English
 * (WRITE_REJECTIONS in shared/writeRules.ts, and the 4403 closes in shared/closeCodes.ts), and
 * they never change on the wire: each maps to a catalogue entry here.
 */
import { CLOSE_REASONS } from '../../shared/closeCodes.ts';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { WRITE_REJECTIONS } from '../../shared/writeRejections.ts';

export const WRITE_REJECTION_KEYS: Readonly<Record<keyof typeof WRITE_REJECTIONS, MessageKey>> = {
  observer: 'server.write.observer',
  removed: 'server.write.removed',
  serverOnly: 'server.write.serverOnly',
  unknownRoot: 'server.write.unknownRoot',
  notFacilitator: 'server.write.notFacilitator',
  otherCard: 'server.write.otherCard',
  notProxy: 'server.write.notProxy',
  placingClosed: 'server.write.placingClosed',
  locked: 'server.write.locked',
  invalidPlacement: 'server.write.invalidPlacement',
  nestedPlacement: 'server.write.nestedPlacement',
  wrongRound: 'server.write.wrongRound',
  invalidControl: 'server.write.invalidControl',
  controlRemoved: 'server.write.controlRemoved',
  roundBackwards: 'server.write.roundBackwards',
  unreadable: 'server.write.unreadable',
  missing: 'server.write.missing',
  contentless: 'server.write.contentless',
};

const REFUSAL_BY_REASON: ReadonlyMap<string, MessageKey> = new Map([
  ...Object.entries(WRITE_REJECTIONS).map(
    ([name, reason]) =>
      [reason, WRITE_REJECTION_KEYS[name as keyof typeof WRITE_REJECTIONS]] as const,
  ),
  [CLOSE_REASONS.foreignClientId, 'server.write.foreignClientId'],
  [CLOSE_REASONS.foreignPresence, 'server.write.foreignPresence'],
  [CLOSE_REASONS.tooManyPresences, 'server.write.tooManyPresences'],
]);

/** Why a write was refused, as a phrase; a reason this client does not know says "refused". */
export function refusalText(tr: Translator, reason: string): string {
  return tr.t(REFUSAL_BY_REASON.get(reason) ?? 'server.write.refused');
}
