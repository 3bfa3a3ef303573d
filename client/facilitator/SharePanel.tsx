/**
 * For the facilitator: the join link and short code to share with the room, and their own
 * facilitator link (secret: it brings the facilitator back on any device). Every link uses the
 * address the room reaches the server at (client/publicOrigin.ts), which the facilitator may
 * change when the server has several.
 */
import { useRef, useState } from 'react';
import { useTranslator } from '../i18n/useTranslator.ts';
import type { BoardIdentity } from '../identity.ts';
import { usePublicOrigin } from '../publicOrigin.ts';

type CopyResult = 'copied' | 'selected';

/**
 * Copies with the clipboard API where the browser has it (https, localhost); on plain http:// on
 * the LAN it is missing, so the text is selected and the old copy command tried.
 */
async function copyText(input: HTMLInputElement, value: string): Promise<CopyResult> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(value);
      return 'copied';
    } catch {
      // refused (no permission, not focused): select it instead
    }
  }
  input.focus();
  input.setSelectionRange(0, value.length);
  try {
    if (typeof document.execCommand === 'function' && document.execCommand('copy')) return 'copied';
  } catch {
    // some browsers throw instead of answering false
  }
  return 'selected';
}

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslator();
  const [result, setResult] = useState<CopyResult | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = `share-${testId}`;
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
          onBlur={() => setResult(null)}
        />
        <button
          type="button"
          onClick={() => {
            if (input.current) void copyText(input.current, value).then(setResult);
          }}
        >
          {result === 'copied' ? t('facilitator.share.copied') : t('facilitator.share.copy')}
        </button>
      </div>
      <p className="hint copy-status" role="status" data-testid={`${testId}-copy-status`}>
        {result === 'selected' ? t('facilitator.share.selected') : ''}
      </p>
    </div>
  );
}

/** The addresses the server can be reached at, when there is more than one to choose from. */
function AddressChoice() {
  const { origin, addresses, choose } = usePublicOrigin();
  const { t } = useTranslator();
  if (addresses.length < 2) return null;
  return (
    <div className="address-choice">
      <label htmlFor="share-address">{t('facilitator.share.address')}</label>
      <select id="share-address" value={origin} onChange={(event) => choose(event.target.value)}>
        {addresses.map((address) => (
          <option key={address} value={address}>
            {address}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SharePanel({
  boardId,
  joinCode,
  me,
}: {
  boardId: string;
  joinCode: string | null;
  me: BoardIdentity;
}) {
  const { t } = useTranslator();
  const [showSecret, setShowSecret] = useState(false);
  const { origin, host, publicUrl } = usePublicOrigin();
  const joinUrl = joinCode
    ? `${origin}/join/${boardId}#code=${joinCode}`
    : `${origin}/join/${boardId}`;
  return (
    <details className="share-panel" open>
      <summary>{t('facilitator.share.summary')}</summary>
      <div className="share-body">
        {joinCode && (
          <p className="join-code-line">
            {t('facilitator.share.joinCode')}{' '}
            <strong className="join-code" data-testid="join-code">
              {joinCode}
            </strong>
            <span className="hint" data-testid="type-it-at">
              {' '}
              {t('facilitator.share.typeItAt', { host })}
            </span>
          </p>
        )}
        <CopyField
          label={t('facilitator.share.participantLink')}
          value={joinUrl}
          testId="join-url"
        />
        <AddressChoice />
        {!publicUrl && (
          <p className="hint share-network-note" data-testid="network-note">
            {t('facilitator.share.networkNote', { setting: 'PUBLIC_URL' })}
          </p>
        )}
        {showSecret ? (
          <CopyField
            label={t('facilitator.share.facilitatorLink')}
            value={`${origin}/b/${boardId}#token=${me.token}`}
            testId="facilitator-url"
          />
        ) : (
          <button type="button" className="link-button" onClick={() => setShowSecret(true)}>
            {t('facilitator.share.showFacilitatorLink')}
          </button>
        )}
      </div>
    </details>
  );
}
