import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeatInBackground } from './repeat-in-background';
import { resetShutdownForTests, shutDown } from './shutdown';

// The clock is the test's: periods pass when it says, so "nothing more ran" needs no waiting.
beforeEach(() => {
  resetShutdownForTests();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('work repeated in the background', () => {
  it('runs at once and every period, never twice at once, once per process, and stops at shutdown', async () => {
    let runs = 0;
    let finish = () => {};
    const work = { name: 'sweep', everyMs: 10, failure: 'could not sweep' };
    repeatInBackground({
      ...work,
      run: () => {
        runs++;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    });
    const second = vi.fn(async () => undefined);
    repeatInBackground({ ...work, run: second });
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(2);
    expect(second).not.toHaveBeenCalled();
    finish();

    const sampled = vi.fn(async () => undefined);
    const stopped = vi.fn();
    repeatInBackground({ name: 'sampler', everyMs: 1_000, firstAfterMs: 500, run: sampled, failure: 'could not sample', stop: stopped });
    expect(sampled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(sampled).toHaveBeenCalledOnce();

    expect(await shutDown(1_000)).toBe(true);
    expect(stopped).toHaveBeenCalledOnce();
    finish();
    const atShutdown = runs;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(atShutdown);
    expect(sampled).toHaveBeenCalledOnce();
  });

  it('tries again at the next period after a run that failed', async () => {
    let attempts = 0;
    repeatInBackground({
      name: 'flaky',
      everyMs: 10,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('database unavailable');
      },
      failure: 'could not do the flaky work; trying again',
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(attempts).toBe(2);
    await shutDown(1_000);
  });
});
