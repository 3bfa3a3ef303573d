/**
 * One indicator card: its full text as the row's label and its track from Vendor/Contractor to
 * High Performance Partnership. The viewer's own chip moves along the track (or waits in the
 * tray); once the distribution is visible the track also shows the group; others' live drags
 * show as ghosts.
 */
import { memo, useCallback, useContext, useEffect, useRef } from 'react';
import type { Participant, Placement } from '../../shared/boardDoc.ts';
import { isInOpenRound } from '../../shared/rounds.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { AgreementForm } from './AgreementForm.tsx';
import { useBoard, useBoardContext } from './BoardContext.tsx';
import type { RemoteDrag } from './boardStore.ts';
import { CardChip } from './CardChip.tsx';
import { CardFigures } from './CardFigures.tsx';
import { Distribution } from './Distribution.tsx';
import { cssLeft, percent } from './dragGeometry.ts';
import { ReasonEditor, ReasonList } from './ReasonBox.tsx';
import { TrackRegistryContext } from './trackRegistry.ts';
import { distributionVisible, groupVisible, reasonsVisible } from './visibility.ts';

const NO_PLACEMENTS: Readonly<Record<string, Placement>> = {};
const NO_DRAGS: readonly RemoteDrag[] = [];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export const CardRow = memo(function CardRow({
  card,
  laneShownOnPhone,
}: {
  card: RubricCard;
  /** Phones show one element at a time: scroll again once this card's lane is shown. */
  laneShownOnPhone: boolean;
}) {
  const { me, actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const showNames = useBoard((state) => state.control.showNames);
  const inOpenRound = useBoard((state) => isInOpenRound(card.id, state.control));
  const peek = useBoard((state) => state.ui.peek);
  const actingFor = useBoard((state) => state.ui.actingFor);
  const picked = useBoard((state) => state.ui.highlightedCardId === card.id);
  const focused = useBoard((state) => state.control.focusCardId === card.id);
  const following = useBoard((state) => state.ui.following);
  const highlighted = picked || focused;
  const stats = useBoard((state) => state.stats[card.id]);
  const placements = useBoard((state) => state.placements[card.id] ?? NO_PLACEMENTS);
  const drags = useBoard((state) => state.drags[card.id] ?? NO_DRAGS);
  const participants = useBoard((state) => state.participants);
  const total = useBoard((state) => state.countedTotal);
  const agreed = useBoard((state) => state.final[card.id]);
  const rowRef = useRef<HTMLLIElement | null>(null);
  const { setAxis, setTray } = useTrackRegistration(card.id);

  // Brought into view when picked here, or focused by the facilitator while following.
  const bringIntoView = picked || (focused && following);
  useEffect(() => {
    if (!bringIntoView) return;
    void laneShownOnPhone;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    rowRef.current?.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
  }, [bringIntoView, laneShownOnPhone]);

  // Whose chip this screen moves: the participant's own, or a proxy's for the facilitator.
  const proxy = actingFor ? participants[actingFor] : undefined;
  const owner =
    me.role === 'participant'
      ? me.participantId
      : me.role === 'facilitator' && proxy?.proxy && !proxy.removed
        ? actingFor
        : null;
  const round = stats?.round ?? 1;
  const ownPlacement = owner ? placements[owner] : undefined;
  const mine = ownPlacement && ownPlacement.round === round ? ownPlacement : null;
  const lastRound = ownPlacement && ownPlacement.round < round ? ownPlacement : null;
  const movable = owner !== null && phase === 'placing' && inOpenRound;
  const visible = distributionVisible(phase, me.role, peek);
  const placedCount = stats?.placed.length ?? 0;

  return (
    <li
      ref={rowRef}
      className={`card-row${highlighted ? ' highlighted' : ''}${focused ? ' focused' : ''}`}
      data-focused={focused}
      id={`card-${card.id}`}
      data-card-id={card.id}
    >
      <div className="card-text">
        <span
          className={`column-mark column-${card.column}`}
          title={
            card.column === 'vendor'
              ? 'Describes a Vendor/Contractor relationship'
              : 'Describes a High Performance Partnership'
          }
        >
          {card.column === 'vendor' ? 'V' : 'P'}
          <span className="visually-hidden">
            {card.column === 'vendor' ? ' (Vendor/Contractor text)' : ' (Partnership text)'}
          </span>
        </span>
        {card.text}
      </div>
      <div className="track">
        <div className="tray" ref={setTray}>
          {owner !== null && mine === null && (
            <>
              <CardChip card={card} placement={null} movable={movable} />
              {movable && <span className="tray-hint">Drag onto the line</span>}
            </>
          )}
          {owner === null && me.role === 'facilitator' && (
            <span className="tray-count" data-testid="placed-count">
              {placedCount} placed
            </span>
          )}
        </div>
        <div className="axis" ref={setAxis}>
          <div className="axis-line" />
          {TICKS.map((tick) => (
            <span key={tick} className="tick" style={{ left: cssLeft(tick) }} aria-hidden="true" />
          ))}
          {visible && stats && (
            <Distribution
              stats={stats}
              participants={participants}
              showNames={showNames}
              viewerRole={me.role}
            />
          )}
          {visible && agreed && (
            <span
              className="agreed-marker"
              data-testid="agreed-marker"
              style={{ left: cssLeft(agreed.x) }}
              title={`Agreed: ${percent(agreed.x)}${agreed.note ? ` — ${agreed.note}` : ''}`}
            >
              <span className="visually-hidden">Agreed position {percent(agreed.x)}</span>
            </span>
          )}
          {lastRound && mine === null && (
            <span
              className="last-round"
              data-testid="last-round"
              style={{ left: cssLeft(lastRound.x) }}
              title={`Your position last round: ${percent(lastRound.x)}`}
            />
          )}
          {drags.map((drag) => (
            <Ghost
              key={drag.participantId}
              drag={drag}
              participant={participants[drag.participantId]}
              named={showNames || me.role === 'facilitator'}
            />
          ))}
          {owner !== null && mine !== null && (
            <CardChip card={card} placement={mine} movable={movable} />
          )}
        </div>
      </div>
      <div className="card-status">
        {visible && stats ? (
          <CardFigures stats={stats} total={total} viewerRole={me.role} />
        ) : (
          <span data-testid="coverage">
            {placedCount} of {total} have placed this card
          </span>
        )}
        {agreed && visible && (
          <span className="agreed-text" data-testid="agreed-text">
            agreed {percent(agreed.x)}
            {agreed.note ? ` — ${agreed.note}` : ''}
          </span>
        )}
        {owner !== null && mine !== null && movable && (
          <>
            <ReasonEditor
              placement={mine}
              onSave={(reason) => actions.setReason(owner, card.id, reason)}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => actions.unplace(owner, card.id)}
            >
              Back to tray
            </button>
          </>
        )}
        {me.role === 'facilitator' && phase !== 'final' && (
          <button
            type="button"
            className="link-button"
            aria-pressed={focused}
            onClick={() => actions.setFocus(focused ? null : card.id)}
          >
            {focused ? 'Unfocus' : 'Focus everyone here'}
          </button>
        )}
        {me.role === 'facilitator' && (phase === 'revealed' || phase === 'discussing') && (
          <>
            <AgreementForm
              cardText={card.text}
              current={agreed}
              suggested={stats?.summary.median ?? null}
              onSave={(x, note) => actions.setFinal(card.id, x, note)}
              onClear={() => actions.clearFinal(card.id)}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => actions.startRound([card.id])}
            >
              New round on this card
            </button>
          </>
        )}
      </div>
      {reasonsVisible(phase) && stats && groupVisible(stats.placed.length, me.role) && (
        <ReasonList placed={stats.placed} />
      )}
    </li>
  );
});

/** Registers the row's axis and tray so the drag logic can measure them. */
function useTrackRegistration(cardId: string) {
  const registry = useContext(TrackRegistryContext);
  const axis = useRef<HTMLDivElement | null>(null);
  const tray = useRef<HTMLDivElement | null>(null);
  const register = useCallback(() => {
    if (axis.current && tray.current)
      registry.set(cardId, { axis: axis.current, tray: tray.current });
    else registry.delete(cardId);
  }, [registry, cardId]);
  const setAxis = useCallback(
    (element: HTMLDivElement | null) => {
      axis.current = element;
      register();
    },
    [register],
  );
  const setTray = useCallback(
    (element: HTMLDivElement | null) => {
      tray.current = element;
      register();
    },
    [register],
  );
  return { setAxis, setTray };
}

function Ghost({
  drag,
  participant,
  named,
}: {
  drag: RemoteDrag;
  participant: Participant | undefined;
  named: boolean;
}) {
  const who = named ? (participant?.name ?? 'Someone') : 'Someone';
  if (drag.x === undefined) {
    // A silent round: only that the card is being moved, never where.
    return (
      <span className="ghost-silent" data-testid="drag-ghost" title={`${who} is placing this card`}>
        {who} is placing…
      </span>
    );
  }
  return (
    <span
      className="ghost"
      data-testid="drag-ghost"
      style={{ left: cssLeft(drag.x), borderColor: named ? participant?.color : undefined }}
      title={`${who} is moving this card`}
    >
      {named ? (participant?.name.slice(0, 1).toUpperCase() ?? '?') : ''}
    </span>
  );
}
