/**
 * Who receives which document (schema version 2, docs/design.md): facilitators get the whole
 * board; participants and observers get the board's view (publicView.ts) with their own
 * `place:` root in it.
 * Pure.
 */
import type { Role } from './boardDoc.ts';

export type Audience = 'board' | 'view';

export function audienceOf(role: Role): Audience {
  return role === 'facilitator' ? 'board' : 'view';
}
