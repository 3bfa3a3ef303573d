/**
 * The report's sentences about figures that may be missing: each says what is true ("not
 * measured: fewer than 2 placements") instead of printing a dash where a figure would be.
 */
import type { ElementSummary } from '../../shared/consensus/rollUp.ts';
import type { LatestFigures } from '../../shared/latestFigures.ts';
import type { OrganisationPosition } from '../../shared/perceptionGap.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from '../../shared/visibility.ts';
import { agreementText, LABEL_TEXT, percent } from '../format.ts';

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** An element's position, or why there is none. */
export function elementPositionText(
  summary: ElementSummary | undefined,
  cards: readonly (LatestFigures | undefined)[],
): string {
  if (summary?.position != null) return percent(summary.position);
  const placed = cards.some((card) => card && card.placed > 0);
  return placed ? 'too few placements to show' : 'not placed yet';
}

/** An element's agreement, or why it was not measured. */
export function elementAgreementText(summary: ElementSummary | undefined): string {
  if (summary?.rwgJ != null) return agreementText(summary.rwgJ);
  return summary?.position != null ? 'not measured: no card has 2 placements' : 'not measured';
}

/** The organisations' figures: those with a median, then once the ones with too few. */
export function organisationsText(positions: readonly OrganisationPosition[]): string {
  const shown = positions.flatMap((p) =>
    p.median === null ? [] : [`${p.organisation} ${percent(p.median)}`],
  );
  const few = positions.filter((p) => p.median === null).map((p) => p.organisation);
  const parts = [...shown];
  if (few.length > 0) parts.push(`too few placements to show: ${few.join(', ')}`);
  return parts.join(' · ');
}

/**
 * A card's figures in one line: its label, how many placed it, its median, middle half and
 * agreement; the clauses a figure is missing for are left out, and a hidden group says why.
 */
export function cardFiguresText(latest: LatestFigures, total: number): string {
  const { summary, placed } = latest;
  if (placed === 0) return 'Not placed yet.';
  const count = latest.fromRound === null ? `${placed} of ${total} placed` : `${placed} placed`;
  if (summary.median === null) return `${count} · ${hiddenReason(latest)}`;
  const clauses = [LABEL_TEXT[summary.label], count, `median ${percent(summary.median)}`];
  if (summary.q1 !== null && summary.q3 !== null) {
    clauses.push(`middle half ${percent(summary.q1)}–${percent(summary.q3)}`);
  }
  clauses.push(
    summary.rwg === null
      ? 'agreement not measured: fewer than 2 placements'
      : `agreement ${agreementText(summary.rwg)}`,
  );
  return clauses.join(' · ');
}

/** Why a card with placements shows no group figures on this screen. */
export function hiddenReason(latest: LatestFigures): string {
  if (latest.placed < MIN_PLACEMENTS_FOR_DOTS) {
    return `too few placements to show the group (fewer than ${MIN_PLACEMENTS_FOR_DOTS})`;
  }
  return latest.fromRound === null
    ? "the group's figures are shown after the reveal"
    : 'that round closed before its group was shown';
}

/** The whole board's sentence, or nothing when no card has a position yet. */
export function boardSentence(position: number | null, rwg: number | null): string {
  if (position === null) return '';
  const agreement = rwg === null ? '' : `, with ${agreementText(rwg)} agreement`;
  return ` Overall the group placed the partnership at ${percent(position)}${agreement}.`;
}

/** A change between rounds in words where a figure is missing. */
export function medianOrWhy(median: number | null): string {
  return median === null ? 'too few to show' : percent(median);
}
