/**
 * The room in one big count while people place: "21 of 29 finished", "6 still placing". In setup,
 * how many have joined. Finished means every card of the open round placed in it
 * (shared/roomProgress.ts), not "placed one card".
 */
import { useBoard } from '../state/BoardContext.tsx';

export function ProjectorProgress() {
  const progress = useBoard((state) => state.progress);
  const phase = useBoard((state) => state.control.phase);
  const { total, finished, placing, here, notFinished } = progress;
  // Not finished and not here (a proxy, or someone who left): said apart from "still placing".
  const away = notFinished.length - placing;
  const attributes = {
    'data-testid': 'room-progress',
    'data-total': total,
    'data-finished': finished,
    'data-placing': placing,
    'data-here': here,
  };
  if (phase === 'setup' || total === 0) {
    return (
      <section className="projector-progress" aria-label="Who has joined" {...attributes}>
        <p className="projector-progress-count">
          {total === 0 ? (
            'Waiting for people to join'
          ) : (
            <>
              <strong>{total}</strong> {total === 1 ? 'person has' : 'people have'} joined
            </>
          )}
        </p>
        <p className="projector-progress-detail">
          {phase === 'setup'
            ? 'Placing starts when the facilitator opens it.'
            : 'Scan the code or type the address to join.'}
        </p>
      </section>
    );
  }
  const share = total > 0 ? finished / total : 0;
  return (
    <section className="projector-progress" aria-label="Progress of the room" {...attributes}>
      <p className="projector-progress-count">
        <strong>{finished}</strong> of {total} finished
      </p>
      <p className="projector-progress-detail">
        {placing} still placing
        {away > 0 && ` · ${away} not here`}
        {here > 0 && ` · ${here} here`}
      </p>
      <div className="projector-progress-bar" aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </section>
  );
}
