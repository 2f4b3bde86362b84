// Requests being handled right now, so a shutdown waits for them instead of cutting them off.
// On globalThis for the same reason as shutdown.ts: Next's bundles do not share module state.
const KEY = Symbol.for('berth.in-flight');

interface InFlight {
  count: number;
  idle: (() => void)[];
}

const holder = globalThis as typeof globalThis & { [KEY]?: InFlight };

function state(): InFlight {
  holder[KEY] ??= { count: 0, idle: [] };
  return holder[KEY];
}

export async function trackRequest<T>(work: () => Promise<T>): Promise<T> {
  const current = state();
  current.count++;
  try {
    return await work();
  } finally {
    current.count--;
    if (current.count === 0) current.idle.splice(0).forEach((resolve) => resolve());
  }
}

/** Resolves once no request is being handled. */
export function whenIdle(): Promise<void> {
  const current = state();
  if (current.count === 0) return Promise.resolve();
  return new Promise((resolve) => current.idle.push(resolve));
}
