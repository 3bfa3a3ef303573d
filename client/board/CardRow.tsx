/**
 * One indicator card: its full text as the row's label and its track from Vendor/Contractor to
 * High Performance Partnership. The viewer's own chip moves along the track (or waits in the
 * tray); the facilitator sees everyone's placements as dots; others' live drags show as ghosts.
 */
import { useDraggable } from '@dnd-kit/core';
import { memo, useCallback, useContext, useRef } from 'react';
import type { Participant, Placement } from '../../shared/boardDoc.ts';
import { AXIS_END_LABEL, type RubricCard } from '../../shared/rubric.ts';
import { useBoard, useBoardContext } from './BoardContext.tsx';
import type { RemoteDrag } from './boardStore.ts';
import { cssLeft, percent } from './dragGeometry.ts';
import { TrackRegistryContext } from './trackRegistry.ts';

const NO_PLACEMENTS: Readonly<Record<string, Placement>> = {};
const NO_DRAGS: readonly RemoteDrag[] = [];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

function firstWords(text: string, count = 4): string {
  const words = text.split(/\s+/);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')}…`;
}

export const CardRow = memo(function CardRow({ card }: { card: RubricCard }) {
  const { me, actions } = useBoardContext();
  const placements = useBoard((state) => state.placements[card.id] ?? NO_PLACEMENTS);
  const drags = useBoard((state) => state.drags[card.id] ?? NO_DRAGS);
  const participants = useBoard((state) => state.participants);
  const registry = useContext(TrackRegistryContext);
  const axisRef = useRef<HTMLDivElement | null>(null);
  const trayRef = useRef<HTMLDivElement | null>(null);

  const register = useCallback(() => {
    if (axisRef.current && trayRef.current) {
      registry.set(card.id, { axis: axisRef.current, tray: trayRef.current });
    } else {
      registry.delete(card.id);
    }
  }, [registry, card.id]);
  const setAxis = useCallback(
    (element: HTMLDivElement | null) => {
      axisRef.current = element;
      register();
    },
    [register],
  );
  const setTray = useCallback(
    (element: HTMLDivElement | null) => {
      trayRef.current = element;
      register();
    },
    [register],
  );

  const mine = placements[me.participantId] ?? null;
  const canPlace = me.role === 'participant';
  const counted = Object.entries(placements).filter(([id]) => isCounted(participants[id]));
  const textId = `card-text-${card.id}`;

  return (
    <li className="card-row" id={`card-${card.id}`} data-card-id={card.id}>
      <div className="card-text" id={textId}>
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
          {canPlace && mine === null && <Chip card={card} placement={null} />}
          {canPlace && mine === null && <span className="tray-hint">Drag onto the line</span>}
          {me.role === 'facilitator' && (
            <span className="tray-count" data-testid="placed-count">
              {counted.length} placed
            </span>
          )}
        </div>
        <div className="axis" ref={setAxis}>
          <div className="axis-line" />
          {TICKS.map((tick) => (
            <span key={tick} className="tick" style={{ left: cssLeft(tick) }} aria-hidden="true" />
          ))}
          {me.role === 'facilitator' &&
            counted.map(([participantId, placement]) => (
              <span
                key={participantId}
                className="dot"
                data-testid="placement-dot"
                style={{
                  left: cssLeft(placement.x),
                  background: participants[participantId]?.color,
                }}
                title={`${participants[participantId]?.name ?? 'Someone'}: ${percent(placement.x)}`}
              />
            ))}
          {drags.map((drag) => (
            <Ghost
              key={drag.participantId}
              drag={drag}
              participant={participants[drag.participantId]}
            />
          ))}
          {canPlace && mine !== null && <Chip card={card} placement={mine} />}
        </div>
      </div>
      <div className="card-status">
        {canPlace && mine !== null && (
          <button type="button" className="link-button" onClick={() => actions.unplace(card.id)}>
            Back to tray
          </button>
        )}
      </div>
    </li>
  );
});

function isCounted(participant: Participant | undefined): boolean {
  return participant !== undefined && participant.role === 'participant' && !participant.removed;
}

function Chip({ card, placement }: { card: RubricCard; placement: Placement | null }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
  });
  const where =
    placement === null
      ? 'not placed yet'
      : `placed at ${percent(placement.x)} toward ${AXIS_END_LABEL}`;
  const style = transform ? { transform: `translate3d(${transform.x}px, 0, 0)` } : undefined;
  const button = (
    <button
      type="button"
      ref={setNodeRef}
      className={`chip${isDragging ? ' dragging' : ''}`}
      style={style}
      data-testid="chip"
      data-position={placement?.x ?? ''}
      {...attributes}
      {...listeners}
      aria-label={`${card.text}: ${where}`}
    >
      {firstWords(card.text)}
    </button>
  );
  if (placement === null) return button;
  // Centred on its position by layout, not by a CSS transform: dnd-kit measures chips without
  // their transforms, so a transform would shift every later drag by half a chip.
  return (
    <span className="chip-anchor" style={{ left: cssLeft(placement.x) }}>
      {button}
    </span>
  );
}

function Ghost({ drag, participant }: { drag: RemoteDrag; participant: Participant | undefined }) {
  if (drag.x === undefined) return null;
  return (
    <span
      className="ghost"
      data-testid="drag-ghost"
      style={{ left: cssLeft(drag.x), borderColor: participant?.color }}
      title={`${participant?.name ?? 'Someone'} is moving this card`}
    >
      {participant?.name.slice(0, 1).toUpperCase() ?? '?'}
    </span>
  );
}
