import { describe, expect, it, vi } from 'vitest';

// Next bundles a module once per route, action and hook that imports it: two copies of
// write-lock.ts in one process. Each import below after resetModules is such a copy.
async function freshCopy() {
  vi.resetModules();
  return import('./write-lock');
}

describe('the write lock', () => {
  it('holds across two copies of the module, as in two of Next’s bundles', async () => {
    const [routeBundle, recoveryBundle] = [await freshCopy(), await freshCopy()];
    expect(routeBundle.withWriteLock).not.toBe(recoveryBundle.withWriteLock);

    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));

    const save = routeBundle.withWriteLock('/repo', async () => {
      order.push('save starts');
      firstStarted();
      await firstHolds;
      order.push('save ends');
    });
    await started;
    const merge = recoveryBundle.withWriteLock('/repo', async () => {
      order.push('merge runs');
    });
    // Let the merge run if it could: it must not, while the save holds the lock.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(order).toEqual(['save starts']);
    releaseFirst();
    await Promise.all([save, merge]);
    expect(order).toEqual(['save starts', 'save ends', 'merge runs']);
  });

  it('lets writes to different repositories run side by side', async () => {
    const { withWriteLock } = await freshCopy();
    let releaseA!: () => void;
    const a = withWriteLock('/a', () => new Promise<void>((resolve) => (releaseA = resolve)));
    await expect(withWriteLock('/b', async () => 'b done')).resolves.toBe('b done');
    releaseA();
    await a;
  });
});
