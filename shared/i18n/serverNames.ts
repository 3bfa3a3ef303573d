/**
 * The names the server gives people itself, in the reader's language: "Facilitator" (the board's
 * creator, server/boards/boardService.ts), "Co-facilitator" and "Projector"
 * (server/boards/sessionAdmin.ts), "Observer", and the "Participant N" of an
 * anonymised snapshot. They are stored in English (the document is the same for everyone);
 * a name a person typed is never translated, and people cannot type role words
 * (server/boards/admission.ts), so a match with the right role is always the server's.
 */
import type { Participant } from '../boardDoc.ts';
import type { Translator } from './translator.ts';

const ANONYMOUS = /^Participant (\d{1,4})$/;

export function shownName(tr: Translator, person: Pick<Participant, 'name' | 'role'>): string {
  const { name, role } = person;
  if (role === 'facilitator' && name === 'Facilitator') return tr.t('name.facilitator');
  if (role === 'facilitator' && name === 'Co-facilitator') return tr.t('name.coFacilitator');
  if (role === 'observer' && name === 'Projector') return tr.t('name.projector');
  if (role === 'observer' && name === 'Observer') return tr.t('name.observer');
  const anonymous = role === 'participant' ? ANONYMOUS.exec(name) : null;
  if (anonymous?.[1]) return tr.t('name.participant', { number: Number(anonymous[1]) });
  return name;
}
