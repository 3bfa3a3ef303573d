/**
 * For the facilitator: the join link and short code to share with the room, and their own
 * facilitator link (secret: it brings the facilitator back on any device).
 */
import { useState } from 'react';
import type { BoardIdentity } from '../identity.ts';

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const id = `share-${testId}`;
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
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
  const origin = window.location.origin;
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
            <span className="hint"> — type it at {origin}</span>
          </p>
        )}
        <CopyField label="Participant link" value={joinUrl} testId="join-url" />
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
