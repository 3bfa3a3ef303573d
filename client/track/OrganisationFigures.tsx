/**
 * Each partner organisation's median on a card or element, and the perception gap between them,
 * named small, notable or large (shared/perceptionGapLevel.ts) in words as well as colour.
 * Organisations with too few placements to show are left out here: the element says once which
 * they are (ElementFigures.tsx), rather than every card repeating "too few to show".
 */
import type { Translator } from '../../shared/i18n/translator.ts';
import type { OrganisationPosition } from '../../shared/perceptionGap.ts';
import { perceptionGapLevel } from '../../shared/perceptionGapLevel.ts';
import { useTranslator } from '../i18n/useTranslator.ts';

export function OrganisationFigures({
  positions,
  gap,
  tr: given,
}: {
  positions: readonly OrganisationPosition[];
  gap: number | null;
  /** The language to write in (a shared screen's own); else this person's. */
  tr?: Translator;
}) {
  const own = useTranslator();
  const tr = given ?? own;
  const shown = positions.filter(
    (position): position is OrganisationPosition & { median: number } => position.median !== null,
  );
  if (shown.length === 0) return null;
  return (
    <span className="organisation-figures" data-testid="organisation-figures">
      {shown.map((position) => (
        <span key={position.organisation} className="organisation-median">
          {tr.t('track.organisation.median', { organisation: position.organisation })}{' '}
          <strong>{tr.percent(position.median)}</strong>
        </span>
      ))}
      {gap !== null && <PerceptionGap gap={gap} tr={tr} />}
    </span>
  );
}

export function PerceptionGap({ gap, tr: given }: { gap: number; tr?: Translator }) {
  const own = useTranslator();
  const tr = given ?? own;
  const level = perceptionGapLevel(gap);
  return (
    <span
      className={`perception-gap gap-${level}`}
      data-testid="perception-gap"
      data-level={level}
      title={tr.t('track.gap.title')}
    >
      {tr.t('track.gap.text', { level, gap: tr.percent(gap) })}
    </span>
  );
}
