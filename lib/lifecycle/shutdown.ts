// Graceful shutdown on SIGTERM (GKE sends it, then SIGKILL after the grace period): stop taking
// requests, let in-flight commits finish, close live streams with a retry hint, then informers
// and database pools. State lives on globalThis because Next bundles the proxy and the routes
// separately: module-level variables would not be shared between them.

type Closer = () => Promise<void> | void;

interface ShutdownState {
  draining: boolean;
  /** Run first: things that must finish (in-flight commits). */
  drains: Map<string, Closer>;
  /** Run next: things to close (streams, informers, pools). */
  closers: Map<string, Closer>;
}

const KEY = Symbol.for('berth.shutdown');
const holder = globalThis as typeof globalThis & { [KEY]?: ShutdownState };

function state(): ShutdownState {
  holder[KEY] ??= { draining: false, drains: new Map(), closers: new Map() };
  return holder[KEY];
}

export function isShuttingDown(): boolean {
  return state().draining;
}

/** Something to wait for before closing anything (e.g. commits holding the write lock). */
export function onDrain(name: string, drain: Closer): void {
  state().drains.set(name, drain);
}

/** Something to close on shutdown. Returns a function that unregisters it (a stream that ended). */
export function onShutdown(name: string, close: Closer): () => void {
  state().closers.set(name, close);
  return () => {
    state().closers.delete(name);
  };
}

/** Drain and close everything, bounded by `graceMs`. Resolves true when all finished in time. */
export async function shutDown(graceMs: number, log: (message: string) => void = () => undefined): Promise<boolean> {
  const current = state();
  if (current.draining) return false;
  current.draining = true;
  const work = (async () => {
    // In order: each drain may depend on the ones before it (settle, then requests, then commits).
    for (const drain of current.drains.values()) {
      await Promise.resolve()
        .then(drain)
        .catch(() => undefined);
    }
    log('in-flight work finished');
    await Promise.allSettled([...current.closers.values()].map((close) => close()));
    log('streams, informers and pools closed');
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const finished = await Promise.race([work.then(() => true), timeout]);
  clearTimeout(timer);
  return finished;
}

/** Tests only: forget every registration and the draining flag. */
export function resetShutdownForTests(): void {
  holder[KEY] = undefined;
}
