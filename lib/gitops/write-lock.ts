import { processState } from '@/lib/lifecycle/process-state';

// Commits to one repository happen one at a time in this process — across all of Next's bundles,
// hence processState — and replicas serialize through the remote (a push that is not a
// fast-forward is refetched and retried).
const tails = processState('write-lock.tails', () => new Map<string, Promise<unknown>>());

export async function withWriteLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous.catch(() => undefined);
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** Resolves when every write that has started is done (graceful shutdown waits for this). */
export async function drainWriteLocks(): Promise<void> {
  await Promise.allSettled([...tails.values()]);
}
