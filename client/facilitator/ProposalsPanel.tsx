/**
 * The cards the group proposed (issue 16), for facilitators only: their document alone carries
 * the `proposals` root. Each waiting proposal can be accepted onto the board (a new card at the
 * end of its element, which the room then places in a round of its own) or declined.
 */
import { axisEnds, elementName } from '../../shared/i18n/rubricText.ts';
import type { Proposal } from '../../shared/proposals.ts';
import { api } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { useDisplayNames } from '../board/useDisplayNames.ts';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useAsyncAction } from '../useAsyncAction.ts';

export function ProposalsPanel() {
  const tr = useTranslator();
  const { t } = tr;
  const proposals = useBoard((state) => state.proposals);
  const discussing = useBoard((state) => state.control.phase === 'discussing');
  const waiting = proposals.filter((proposal) => proposal.status === 'open');
  if (!discussing && proposals.length === 0) return null;
  return (
    <Popover
      label={t('facilitator.proposals.button', { count: waiting.length })}
      title={t('facilitator.proposals.title')}
      panelClassName="proposals-panel"
      testId="proposals"
    >
      <ProposalList proposals={proposals} />
    </Popover>
  );
}

function ProposalList({ proposals }: { proposals: readonly Proposal[] }) {
  const tr = useTranslator();
  const { t } = tr;
  const { boardId, me } = useBoardContext();
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const names = useDisplayNames();
  const { busy, error, run } = useAsyncAction(t('facilitator.proposals.failed'));
  if (!rubric) return null;
  const ends = axisEnds(rubric, tr);
  const waiting = proposals.filter((proposal) => proposal.status === 'open');
  const decided = proposals.filter((proposal) => proposal.status !== 'open');
  const decide = (proposal: Proposal, accept: boolean) =>
    run(() => api.decideProposal(boardId, me.token, proposal.id, accept));
  const summaryOf = (proposal: Proposal) => {
    const element = rubric.elements.find((e) => e.id === proposal.elementId);
    return {
      element: element ? elementName(rubric, element, tr).text : proposal.elementId,
      end: proposal.column === 'vendor' ? ends.left.text : ends.right.text,
      by: names[proposal.participantId] ?? '',
    };
  };
  return (
    <div className="proposals">
      <FormError error={error} />
      {waiting.length === 0 && <p className="hint">{t('facilitator.proposals.none')}</p>}
      <ul className="proposal-list">
        {waiting.map((proposal) => {
          const about = summaryOf(proposal);
          return (
            <li key={proposal.id} className="proposal" data-testid="proposal">
              <p className="proposal-text" lang={proposal.language}>
                {proposal.text}
              </p>
              <p className="hint">{t('facilitator.proposals.about', about)}</p>
              <div className="proposal-actions">
                <button type="button" disabled={busy} onClick={() => decide(proposal, true)}>
                  {t('facilitator.proposals.accept')}
                </button>
                <button type="button" disabled={busy} onClick={() => decide(proposal, false)}>
                  {t('facilitator.proposals.decline')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {decided.length > 0 && (
        <details className="proposals-decided">
          <summary>{t('facilitator.proposals.decided', { count: decided.length })}</summary>
          <ul className="proposal-list">
            {decided.map((proposal) => (
              <li key={proposal.id} className="proposal decided">
                <span lang={proposal.language}>{proposal.text}</span>{' '}
                <span className="hint">
                  {proposal.status === 'accepted'
                    ? t('facilitator.proposals.accepted')
                    : t('facilitator.proposals.declined')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="hint">{t('facilitator.proposals.acceptHint')}</p>
    </div>
  );
}
