/** A failure, announced to screen readers as it appears; `id` lets a field point to it. */
export function FormError({ error, id }: { error: string | null; id?: string }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {error}
    </p>
  );
}
