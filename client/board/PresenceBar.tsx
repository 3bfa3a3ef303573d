/** Who is on the board right now (from awareness ids; names and colours from `participants`). */
import { useBoard } from './BoardContext.tsx';

export function PresenceBar() {
  const online = useBoard((state) => state.online);
  const participants = useBoard((state) => state.participants);
  const visible = online.filter((id) => participants[id] && !participants[id]?.removed);
  return (
    <div className="presence" data-testid="presence">
      <ul aria-label={`${visible.length} on the board now`}>
        {visible.map((id) => {
          const participant = participants[id];
          if (!participant) return null;
          return (
            <li
              key={id}
              className="avatar"
              style={{ borderColor: participant.color }}
              title={`${participant.name} (${participant.role})`}
            >
              <span
                aria-hidden="true"
                style={{ background: participant.color }}
                className="avatar-initial"
              >
                {participant.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="avatar-name">{participant.name}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
