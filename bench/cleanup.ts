// Everything the benchmarks start (servers, informers, browsers) registers how to stop it here, so
// the end of a run — normal, failed or Ctrl-C — stops all of it, newest first.
type Closer = () => Promise<void> | void;

const closers: { name: string; close: Closer }[] = [];

/** Registers a closer; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(name: string, close: Closer): () => Promise<void> {
  const entry = { name, close };
  closers.push(entry);
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      const index = closers.indexOf(entry);
      if (index >= 0) closers.splice(index, 1);
      await close();
    })();
    return done;
  };
}

/** Stops everything still registered, each bounded by `timeoutMs`. */
export async function cleanupAll(timeoutMs = 10_000): Promise<string[]> {
  const failures: string[] = [];
  while (closers.length > 0) {
    const { name, close } = closers.pop()!;
    try {
      await Promise.race([
        Promise.resolve().then(close),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`did not stop within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}
