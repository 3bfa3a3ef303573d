/**
 * The facilitator's people, in a panel opened from the toolbar: whether joining is open and
 * names are shown, who is on the board, proxies
 * (people without a device, whose cards the facilitator places), removing someone, a
 * co-facilitator link and a projector link. People who share a name are numbered.
 */
import { type FormEvent, useState } from 'react';
import type { Participant } from '../../shared/boardDoc.ts';
import { shownName } from '../../shared/i18n/serverNames.ts';
import { api, type LinkResponse } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { useDisplayNames } from '../board/useDisplayNames.ts';
import { FormError } from '../FormError.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';
import { useAsyncAction } from '../useAsyncAction.ts';
import { SessionOptions } from './SessionOptions.tsx';

// Selectors must return stable values: a fresh [] each time would re-render forever.
const NO_ORGANISATIONS: readonly string[] = [];

export function PeoplePanel() {
  const { boardId, me, store } = useBoardContext();
  const participants = useBoard((state) => state.participants);
  const organisations = useBoard((state) => state.meta?.organisations ?? NO_ORGANISATIONS);
  const online = useBoard((state) => state.online);
  const actingFor = useBoard((state) => state.ui.actingFor);
  const [proxyName, setProxyName] = useState('');
  const [proxyOrganisation, setProxyOrganisation] = useState('');
  const [links, setLinks] = useState<{ kind: 'cofacilitator' | 'projector'; link: LinkResponse }[]>(
    [],
  );
  const tr = useTranslator();
  const { t } = tr;
  const { error, run } = useAsyncAction(t('facilitator.people.failed'));
  const names = useDisplayNames();
  // People who share a name are numbered (useDisplayNames); names the server gave are translated.
  const nameOf = (id: string, person: Participant) =>
    names[id] === undefined || names[id] === person.name ? shownName(tr, person) : names[id];
  const linkLabel = (kind: 'cofacilitator' | 'projector') =>
    kind === 'cofacilitator'
      ? t('facilitator.people.cofacilitatorLink')
      : t('facilitator.people.projectorLink');

  const addProxy = (event: FormEvent) => {
    event.preventDefault();
    const name = proxyName.trim();
    if (!name) return;
    void run(async () => {
      const { participantId } = await api.addProxy(boardId, me.token, name, proxyOrganisation);
      setProxyName('');
      setUi(store, { actingFor: participantId });
    });
  };

  const people = Object.entries(participants).filter(([, p]) => !p.removed);
  const proxies = people.filter(([, p]) => p.proxy);
  return (
    <Popover
      label={t('facilitator.people.button', {
        count: people.filter(([, p]) => p.role === 'participant').length,
      })}
      title={t('facilitator.people.title')}
      panelClassName="people-panel"
      align="end"
    >
      <SessionOptions />
      <ul className="people-list" aria-label={t('facilitator.people.listLabel')}>
        {people.map(([id, person]) => {
          const name = nameOf(id, person);
          // Facts about the person after their name; the organisation is data, as typed.
          const facts = [
            person.organisation ?? '',
            person.proxy ? t('facilitator.people.proxy') : '',
            person.role === 'facilitator' ? t('facilitator.people.role.facilitator') : '',
            person.role === 'observer' ? t('facilitator.people.role.observer') : '',
            online.includes(id) ? t('facilitator.people.here') : '',
          ].filter(Boolean);
          return (
            <li key={id}>
              <span
                className="person-dot"
                style={{ background: person.color }}
                aria-hidden="true"
              />
              <span>
                {name}
                {facts.map((fact) => ` · ${fact}`).join('')}
              </span>
              {id !== me.participantId && person.role !== 'facilitator' && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('facilitator.people.removeLabel', { name })}
                  onClick={() => {
                    if (window.confirm(t('facilitator.people.removeQuestion', { name }))) {
                      void run(async () => {
                        await api.removeParticipant(boardId, me.token, id);
                        if (store.getState().ui.actingFor === id) setUi(store, { actingFor: null });
                      });
                    }
                  }}
                >
                  {t('facilitator.people.remove')}
                </button>
              )}
              {person.role === 'facilitator' && id !== me.participantId && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('facilitator.people.revokeLabel', { name })}
                  onClick={() => void run(() => api.revokeCofacilitator(boardId, me.token, id))}
                >
                  {t('facilitator.people.revoke')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <form className="proxy-form" onSubmit={addProxy}>
        <label htmlFor="proxy-name">{t('facilitator.people.addProxy')}</label>
        <input
          id="proxy-name"
          value={proxyName}
          onChange={(event) => setProxyName(event.target.value)}
          placeholder={t('facilitator.people.proxyName')}
          maxLength={60}
        />
        {organisations.length > 0 && (
          <select
            aria-label={t('facilitator.people.proxyOrganisation')}
            value={proxyOrganisation}
            onChange={(event) => setProxyOrganisation(event.target.value)}
          >
            <option value="">{t('facilitator.people.organisationChoice')}</option>
            {organisations.map((organisation) => (
              <option key={organisation}>{organisation}</option>
            ))}
          </select>
        )}
        <button type="submit">{t('facilitator.people.add')}</button>
      </form>
      {proxies.length > 0 && (
        <label className="acting-for">
          {t('facilitator.people.actingFor')}
          <select
            value={actingFor ?? ''}
            onChange={(event) => setUi(store, { actingFor: event.target.value || null })}
          >
            <option value="">{t('facilitator.people.nobody')}</option>
            {proxies.map(([id, person]) => (
              <option key={id} value={id}>
                {nameOf(id, person)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="link-buttons">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () => {
              const link = await api.createCofacilitator(boardId, me.token);
              setLinks((list) => [...list, { kind: 'cofacilitator', link }]);
            })
          }
        >
          {t('facilitator.people.createCofacilitator')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () => {
              const link = await api.createObserverLink(boardId, me.token);
              setLinks((list) => [...list, { kind: 'projector', link }]);
            })
          }
        >
          {t('facilitator.people.createProjector')}
        </button>
      </div>
      {links.map(({ kind, link }) => (
        <p key={link.participantId} className="created-link">
          <label>
            {linkLabel(kind)} <input readOnly value={link.url} />
          </label>
        </p>
      ))}
      <FormError error={error} />
    </Popover>
  );
}
