/**
 * Who is on the board right now (from awareness ids; names, roles, organisations and colours
 * from `participants`, never from awareness), how many cards each has placed in this round, and
 * who is moving a card right now.
 */

import { initialStyle } from '../avatarContrast.ts';
import { useBoard } from '../state/BoardContext.tsx';

export function PresenceBar() {
  const online = useBoard((state) => state.online);
  const participants = useBoard((state) => state.participants);
  const drags = useBoard((state) => state.drags);
  const cardCount = useBoard((state) => Object.keys(state.stats).length);
  const placed = useBoard((state) => state.placedCounts);
  const dragging = new Set(
    Object.values(drags).flatMap((list) => list.map((d) => d.participantId)),
  );
  const visible = online.filter((id) => participants[id] && !participants[id]?.removed);
  return (
    <div className="presence" data-testid="presence">
      <ul aria-label={`${visible.length} on the board now`}>
        {visible.map((id) => {
          const participant = participants[id];
          if (!participant) return null;
          const detail = [
            participant.role === 'participant' ? null : participant.role,
            participant.organisation ?? null,
            participant.role === 'participant' ? `${placed[id] ?? 0} of ${cardCount} placed` : null,
            dragging.has(id) ? 'moving a card' : null,
          ].filter(Boolean);
          return (
            <li
              key={id}
              className={`avatar${dragging.has(id) ? ' is-dragging' : ''}`}
              style={{ borderColor: participant.color }}
              title={`${participant.name}${detail.length ? ` — ${detail.join(', ')}` : ''}`}
              data-participant-id={id}
            >
              <span
                aria-hidden="true"
                style={initialStyle(participant.color)}
                className="avatar-initial"
              >
                {participant.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="avatar-name">{participant.name}</span>
              {detail.length > 0 && <span className="visually-hidden">, {detail.join(', ')}</span>}
              {participant.role === 'participant' && (
                <span className="avatar-count" aria-hidden="true">
                  {placed[id] ?? 0}/{cardCount}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
