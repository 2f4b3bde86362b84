import { describe, expect, it } from 'vitest';
import { beforeEach } from 'vitest';
import { isShuttingDown, onDrain, onShutdown, resetShutdownForTests, shutDown } from './shutdown';

beforeEach(() => resetShutdownForTests());

describe('graceful shutdown', () => {
  it('drains in-flight work before closing, refuses to run twice, and respects the grace period', async () => {
    const order: string[] = [];
    let finishCommit!: () => void;
    const commit = new Promise<void>((resolve) => {
      finishCommit = resolve;
    });
    onDrain('commits', async () => {
      await commit;
      order.push('commit finished');
    });
    onShutdown('stream', () => {
      order.push('stream closed');
    });
    const unregister = onShutdown('ended stream', () => {
      order.push('should not run');
    });
    unregister();

    expect(isShuttingDown()).toBe(false);
    const done = shutDown(5_000);
    expect(isShuttingDown()).toBe(true);
    expect(order).toEqual([]);
    finishCommit();
    expect(await done).toBe(true);
    expect(order).toEqual(['commit finished', 'stream closed']);
    expect(await shutDown(5_000)).toBe(false);
  });
});

describe('a shutdown that cannot finish', () => {
  it('gives up when the grace period runs out, without closing what is still draining', async () => {
    const closed: string[] = [];
    onDrain('stuck commit', () => new Promise<void>(() => undefined));
    onShutdown('pool', () => {
      closed.push('pool');
    });
    const started = Date.now();
    expect(await shutDown(100)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(closed).toEqual([]);
  });
});
