/**
 * The tab's change notifications (`system.changes`, received once in `useLiveUpdates`) for code that does more than
 * invalidate queries: the event list fetches only what is new instead of refetching every page it holds.
 */
export type ChangeKind = "hello" | "resources" | "events" | "runs";

const listeners = new Set<(kind: ChangeKind) => void>();

/** Listen to change notifications; returns the unsubscribe function. */
export function onChange(listener: (kind: ChangeKind) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitChange(kind: ChangeKind): void {
  for (const listener of listeners) listener(kind);
}
