/** Placeholder lanes while the board's content arrives. */
export function BoardSkeleton() {
  return (
    <main className="lanes" aria-busy="true">
      {[0, 1, 2].map((index) => (
        <div key={index} className="element-lane skeleton" />
      ))}
    </main>
  );
}
