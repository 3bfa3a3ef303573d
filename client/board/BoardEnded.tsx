/** The whole page once the server ended this screen's access for good: deleted or removed. */
export function BoardEnded({ why }: { why: 'deleted' | 'removed' }) {
  return (
    <main className="page board-ended" data-testid="board-ended" data-ended={why}>
      <h1>{why === 'deleted' ? 'This board was deleted' : 'You were removed from this board'}</h1>
      <p>
        {why === 'deleted'
          ? 'The facilitator deleted it, with its placements and everything stored about it.'
          : 'The facilitator removed you, or the link you used no longer works. Ask them for a new link if this is a mistake.'}
      </p>
      <p>
        <a href="/">Go to the start page</a>
      </p>
    </main>
  );
}
