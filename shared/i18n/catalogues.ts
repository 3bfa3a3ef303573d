/**
 * The message catalogues, one file per area of the interface (messages/en/*.ts, messages/es/*.ts).
 * English is the source: its keys are the only keys code may use (`MessageKey`), and every other
 * language must have exactly the same keys, so a missing or stray key fails the type check.
 * Messages are ICU MessageFormat (plurals, selects, numbers); tests/unit/shared/catalogues.test.ts
 * checks each one parses and that translations use the same arguments.
 */

import type { Locale } from './locales.ts';
import { a11y as a11yEn } from './messages/en/a11y.ts';
import { board as boardEn } from './messages/en/board.ts';
import { common as commonEn } from './messages/en/common.ts';
import { facilitator as facilitatorEn } from './messages/en/facilitator.ts';
import { pages as pagesEn } from './messages/en/pages.ts';
import { projector as projectorEn } from './messages/en/projector.ts';
import { report as reportEn } from './messages/en/report.ts';
import { server as serverEn } from './messages/en/server.ts';
import { timeline as timelineEn } from './messages/en/timeline.ts';
import { track as trackEn } from './messages/en/track.ts';
import { a11y as a11yEs } from './messages/es/a11y.ts';
import { board as boardEs } from './messages/es/board.ts';
import { common as commonEs } from './messages/es/common.ts';
import { facilitator as facilitatorEs } from './messages/es/facilitator.ts';
import { pages as pagesEs } from './messages/es/pages.ts';
import { projector as projectorEs } from './messages/es/projector.ts';
import { report as reportEs } from './messages/es/report.ts';
import { server as serverEs } from './messages/es/server.ts';
import { timeline as timelineEs } from './messages/es/timeline.ts';
import { track as trackEs } from './messages/es/track.ts';

const english = {
  ...commonEn,
  ...boardEn,
  ...trackEn,
  ...facilitatorEn,
  ...projectorEn,
  ...pagesEn,
  ...reportEn,
  ...timelineEn,
  ...serverEn,
  ...a11yEn,
};

export type MessageKey = keyof typeof english;
export type Catalogue = Readonly<Record<MessageKey, string>>;

const spanish: Catalogue = {
  ...commonEs,
  ...boardEs,
  ...trackEs,
  ...facilitatorEs,
  ...projectorEs,
  ...pagesEs,
  ...reportEs,
  ...timelineEs,
  ...serverEs,
  ...a11yEs,
};

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en: english, es: spanish };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(english, value);
}
