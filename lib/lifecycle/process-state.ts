// State that must be one per process: locks, health verdicts, counters that enforce a limit.
// Next bundles each route handler, server action and instrumentation hook separately, and a
// module imported by two bundles is two modules with two sets of top-level variables — a lock
// held by a save in one bundle would not stop a merge in another. Such state lives here, on
// globalThis under a registered symbol, so every bundle of the process gets the same object.
// (Caches may stay per bundle: a second copy costs memory, never correctness.)

/** The process's one `name` object, made by `create` the first time any bundle asks. */
export function processState<T>(name: string, create: () => T): T {
  const key = Symbol.for(`berth.${name}`);
  const holder = globalThis as typeof globalThis & Record<symbol, unknown>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
