/**
 * Everyone on the board and how far they are in the open round: for the facilitator first who
 * has not finished (here or away), then everyone, with their organisation and whether they are
 * moving a card. Names, roles, organisations and colours come from `participants`, never from
 * the awareness; people who share a name are numbered (displayNames.ts).
 */
import { useMemo } from 'react';
import type { Role } from '../../shared/boardDoc.ts';
import { isCounted } from '../../shared/countedPlacements.ts';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useDisplayNames } from './useDisplayNames.ts';

const ROLE_WORDS: Record<Role, MessageKey> = {
  facilitator: 'board.people.role.facilitator',
  participant: 'board.people.role.participant',
  observer: 'board.people.role.observer',
};

export function PeopleList() {
  const { t } = useTranslator();
  const { me } = useBoardContext();
  const participants = useBoard((state) => state.participants);
  const progress = useBoard((state) => state.progress);
  const roundPlaced = useBoard((state) => state.roundPlaced);
  const online = useBoard((state) => state.online);
  const here = useBoard((state) => state.here);
  const drags = useBoard((state) => state.drags);
  const names = useDisplayNames();
  const dragging = useMemo(
    () => new Set(Object.values(drags).flatMap((list) => list.map((d) => d.participantId))),
    [drags],
  );
  const onlineSet = useMemo(() => new Set(online), [online]);
  const hereSet = useMemo(() => new Set(here), [here]);
  const people = Object.entries(participants).filter(([, person]) => !person.removed);
  const { roundSize } = progress;

  const presence = (id: string, proxy: boolean) =>
    t(
      proxy
        ? 'board.people.proxy'
        : onlineSet.has(id)
          ? 'board.people.here'
          : hereSet.has(id)
            ? 'board.people.justLeft'
            : 'board.people.away',
    );

  return (
    <div className="people-popover" data-testid="presence">
      {me.role === 'facilitator' && (
        <>
          <h2 className="people-heading">
            {t('board.people.notFinished', {
              count: progress.notFinished.length,
              total: progress.total,
            })}
          </h2>
          {progress.notFinished.length === 0 ? (
            <p className="hint">{t('board.people.everyoneFinished')}</p>
          ) : (
            <ul className="people-rows" data-testid="not-finished">
              {progress.notFinished.map((entry) => {
                const person = participants[entry.participantId];
                if (!person) return null;
                return (
                  <li key={entry.participantId} data-participant-id={entry.participantId}>
                    <span
                      className="person-dot"
                      style={{ background: person.color }}
                      aria-hidden="true"
                    />
                    <span className="person-name">{names[entry.participantId]}</span>
                    <span className="person-progress">
                      {t('board.people.placedOf', { placed: entry.placed, total: roundSize })}
                    </span>
                    <span className="person-presence">
                      {presence(entry.participantId, person.proxy === true)}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <h2 className="people-heading">{t('board.people.everyone', { count: people.length })}</h2>
      <ul className="people-rows" data-testid="everyone">
        {people.map(([id, person]) => {
          const placed = roundPlaced[id] ?? 0;
          const counted = isCounted(person);
          const detail = [
            person.organisation ?? null,
            counted
              ? roundSize > 0 && placed >= roundSize
                ? t('board.people.finished')
                : t('board.people.placedOf', { placed, total: roundSize })
              : t(ROLE_WORDS[person.role]),
            presence(id, person.proxy === true),
            dragging.has(id) ? t('board.people.moving') : null,
          ].filter((part): part is string => part !== null);
          return (
            <li
              key={id}
              data-participant-id={id}
              className={dragging.has(id) ? 'is-dragging' : undefined}
            >
              <span
                className="person-dot"
                style={{ background: person.color }}
                aria-hidden="true"
              />
              <span className="person-name">
                {id === me.participantId
                  ? t('board.people.you', { name: names[id] ?? '' })
                  : names[id]}
              </span>
              <span className="person-detail">{detail.join(' · ')}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
