/**
 * For the facilitator: the join link and short code to share with the room, and their own
 * facilitator link (secret: it brings the facilitator back on any device). Every link uses the
 * address the room reaches the server at (client/publicOrigin.ts), which the facilitator may
 * change when the server has several.
 */
import { useRef, useState } from 'react';
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

const COPY_SAID: Record<CopyResult, string> = {
  copied: 'Copied',
  selected: 'Selected — press Ctrl+C / long-press to copy',
};

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
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
          {result === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="hint copy-status" role="status" data-testid={`${testId}-copy-status`}>
        {result === 'selected' ? COPY_SAID.selected : ''}
      </p>
    </div>
  );
}

/** The addresses the server can be reached at, when there is more than one to choose from. */
function AddressChoice() {
  const { origin, addresses, choose } = usePublicOrigin();
  if (addresses.length < 2) return null;
  return (
    <div className="address-choice">
      <label htmlFor="share-address">Address for links</label>
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
  const [showSecret, setShowSecret] = useState(false);
  const { origin, host, publicUrl } = usePublicOrigin();
  const joinUrl = joinCode
    ? `${origin}/join/${boardId}#code=${joinCode}`
    : `${origin}/join/${boardId}`;
  return (
    <details className="share-panel" open>
      <summary>Invite people</summary>
      <div className="share-body">
        {joinCode && (
          <p className="join-code-line">
            Join code{' '}
            <strong className="join-code" data-testid="join-code">
              {joinCode}
            </strong>
            <span className="hint" data-testid="type-it-at">
              {' '}
              — type it at {host}
            </span>
          </p>
        )}
        <CopyField label="Participant link" value={joinUrl} testId="join-url" />
        <AddressChoice />
        {!publicUrl && (
          <p className="hint share-network-note" data-testid="network-note">
            These links work for people on this network (the room's wifi). For people outside it,
            the server needs its <code>PUBLIC_URL</code> setting.
          </p>
        )}
        {showSecret ? (
          <CopyField
            label="Your facilitator link — keep it secret; it opens this board with your controls"
            value={`${origin}/b/${boardId}#token=${me.token}`}
            testId="facilitator-url"
          />
        ) : (
          <button type="button" className="link-button" onClick={() => setShowSecret(true)}>
            Show my facilitator link
          </button>
        )}
      </div>
    </details>
  );
}
