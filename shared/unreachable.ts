/** Ends an exhaustive switch: the compiler proves no case is left, so this never runs. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}
