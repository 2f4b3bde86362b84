// The one source of time for the sandbox cluster: the simulator, the store and the API server all
// read `now()` and schedule through it, so tests can swap in a ManualClock and stay deterministic.

export interface ClockTimer {
  readonly id: number;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): ClockTimer;
  clearTimeout(timer: ClockTimer | undefined): void;
}

/** Wall-clock time and Node timers (unref'd: a stray simulator timer never holds the process open). */
export function createSystemClock(): Clock {
  const handles = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      const id = nextId++;
      const handle = setTimeout(() => {
        handles.delete(id);
        callback();
      }, Math.max(0, delayMs));
      handle.unref();
      handles.set(id, handle);
      return { id };
    },
    clearTimeout(timer) {
      if (!timer) return;
      const handle = handles.get(timer.id);
      if (handle) clearTimeout(handle);
      handles.delete(timer.id);
    },
  };
}

interface PendingTimer {
  id: number;
  due: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. Timers due at the same instant fire in the order they were
 * set, so a simulation driven by it is a pure function of its seed and the calls made on it.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private nextId = 1;
  private seq = 0;

  constructor(startMs: number = Date.UTC(2026, 10, 12, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): ClockTimer {
    const timer: PendingTimer = { id: this.nextId++, due: this.current + Math.max(0, delayMs), seq: this.seq++, callback };
    // Keep the list sorted by (due, seq); binary search for the insertion point.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.timers[mid];
      if (t.due < timer.due || (t.due === timer.due && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    return { id: timer.id };
  }

  clearTimeout(timer: ClockTimer | undefined): void {
    if (!timer) return;
    const index = this.timers.findIndex((t) => t.id === timer.id);
    if (index >= 0) this.timers.splice(index, 1);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = target;
  }

  /**
   * Advances in steps of `stepMs` until `condition()` holds or `maxMs` has passed.
   * Returns whether the condition was met.
   */
  advanceUntil(condition: () => boolean, options: { maxMs: number; stepMs?: number }): boolean {
    const step = options.stepMs ?? 100;
    let elapsed = 0;
    while (!condition()) {
      if (elapsed >= options.maxMs) return false;
      this.advance(step);
      elapsed += step;
    }
    return true;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
