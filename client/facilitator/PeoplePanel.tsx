/**
 * The facilitator's people, in a panel opened from the toolbar: whether joining is open and
 * names are shown, who is on the board, proxies
 * (people without a device, whose cards the facilitator places), removing someone, a
 * co-facilitator link and a projector link. People who share a name are numbered.
 */
import { type FormEvent, useState } from 'react';
import { api, type LinkResponse } from '../api.ts';
import { Popover } from '../board/Popover.tsx';
import { useDisplayNames } from '../board/useDisplayNames.ts';
import { FormError } from '../FormError.tsx';
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
  const [links, setLinks] = useState<{ label: string; link: LinkResponse }[]>([]);
  const { error, run } = useAsyncAction('That did not work.');
  const names = useDisplayNames();

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
      label={`People (${people.filter(([, p]) => p.role === 'participant').length})`}
      panelClassName="people-panel"
      align="end"
    >
      <SessionOptions />
      <ul className="people-list">
        {people.map(([id, person]) => (
          <li key={id}>
            <span className="person-dot" style={{ background: person.color }} aria-hidden="true" />
            <span>
              {names[id]}
              {person.organisation ? ` · ${person.organisation}` : ''}
              {person.proxy ? ' · proxy' : ''}
              {person.role !== 'participant' ? ` · ${person.role}` : ''}
              {online.includes(id) ? ' · here' : ''}
            </span>
            {id !== me.participantId && person.role !== 'facilitator' && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  if (window.confirm(`Remove ${names[id]}? Their placements leave the figures.`)) {
                    void run(async () => {
                      await api.removeParticipant(boardId, me.token, id);
                      if (store.getState().ui.actingFor === id) setUi(store, { actingFor: null });
                    });
                  }
                }}
              >
                Remove
              </button>
            )}
            {person.role === 'facilitator' && id !== me.participantId && (
              <button
                type="button"
                className="link-button"
                onClick={() => void run(() => api.revokeCofacilitator(boardId, me.token, id))}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="proxy-form" onSubmit={addProxy}>
        <label htmlFor="proxy-name">Add someone without a device</label>
        <input
          id="proxy-name"
          value={proxyName}
          onChange={(event) => setProxyName(event.target.value)}
          placeholder="Name"
          maxLength={60}
        />
        {organisations.length > 0 && (
          <select
            aria-label="Their organisation"
            value={proxyOrganisation}
            onChange={(event) => setProxyOrganisation(event.target.value)}
          >
            <option value="">Organisation…</option>
            {organisations.map((organisation) => (
              <option key={organisation}>{organisation}</option>
            ))}
          </select>
        )}
        <button type="submit">Add</button>
      </form>
      {proxies.length > 0 && (
        <label className="acting-for">
          Place cards for
          <select
            value={actingFor ?? ''}
            onChange={(event) => setUi(store, { actingFor: event.target.value || null })}
          >
            <option value="">nobody (just watch)</option>
            {proxies.map(([id]) => (
              <option key={id} value={id}>
                {names[id]}
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
              setLinks((list) => [...list, { label: 'Co-facilitator link (secret)', link }]);
            })
          }
        >
          Create a co-facilitator link
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () => {
              const link = await api.createObserverLink(boardId, me.token);
              setLinks((list) => [...list, { label: 'Projector / observer link', link }]);
            })
          }
        >
          Create a projector link
        </button>
      </div>
      {links.map(({ label, link }) => (
        <p key={link.participantId} className="created-link">
          {label}: <input readOnly value={link.url} aria-label={label} />
        </p>
      ))}
      <FormError error={error} />
    </Popover>
  );
}
