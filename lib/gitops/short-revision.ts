// A commit id as people read it: the first 7 hex digits (anything else, unchanged). Isomorphic.
export function shortRevision<T extends string | undefined>(revision: T): T {
  return (revision && /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision) as T;
}
