import { describe, expect, it } from 'vitest';
import { effectiveValues, type EffectiveValue } from './effective-values';
import { sampleLayers } from './test-fixtures';

const CHART = 'chart/values.yaml';
const APP = 'apps/intake/values.yaml';
const STAGE = 'apps/intake/values-stage.yaml';

function byPath(entries: EffectiveValue[]) {
  return new Map(entries.map((entry) => [entry.path, entry]));
}

describe('effectiveValues', () => {
  const entries = byPath(effectiveValues(sampleLayers()));

  it.each([
    ['a chart default nobody overrides', 'rollout.maxSurge', 1, { file: CHART, kind: 'chart', line: 11 }, []],
    [
      'an app value over a chart default',
      'image.repository',
      'europe-docker.pkg.dev/meridian-artifacts/apps/intake',
      { file: APP, kind: 'app', line: 3 },
      [{ file: CHART, line: 3, value: 'europe-docker.pkg.dev/meridian-artifacts/apps/app' }],
    ],
    ['an environment value over the app value', 'deployments.web.replicas', 3, { file: STAGE, kind: 'environment', line: 6 }, [{ file: APP, line: 11, value: 2 }]],
    ['a value only the environment sets', 'serviceAccount.gcpServiceAccount', 'intake@meridian-stage.iam.gserviceaccount.com', { file: STAGE, kind: 'environment', line: 8 }, []],
    ['a list is one leaf', 'deployments.web.command', ['bundle', 'exec', 'puma'], { file: APP, kind: 'app', line: 10 }, []],
    ['an env var changed by the environment', 'env.FEATURE_X', 'true', { file: STAGE, kind: 'environment', line: 3 }, [{ file: APP, line: 7, value: 'false' }]],
  ])('%s', (_name, path, value, source, overrides) => {
    expect(entries.get(path)).toEqual(expect.objectContaining({ path, value, source, overrides }));
  });

  it('lists every leaf once, sorted by path', () => {
    const paths = effectiveValues(sampleLayers()).map((entry) => entry.path);
    expect(paths).toEqual([...new Set(paths)].sort());
    expect(paths).not.toContain('deployments.web');
  });

  it('reports a default deleted by null as deleted by that file', () => {
    const deleted = byPath(effectiveValues(sampleLayers({ stage: 'rollout: null\nimage:\n  tag: null\n' })));
    expect(deleted.get('rollout')).toEqual(
      expect.objectContaining({ deleted: true, value: null, source: { file: STAGE, kind: 'environment', line: 1 }, overrides: [{ file: CHART, line: 10, value: { maxSurge: 1, maxUnavailable: 0 } }] }),
    );
    expect(deleted.get('image.tag')).toEqual(
      expect.objectContaining({ deleted: true, source: { file: STAGE, kind: 'environment', line: 3 }, overrides: [{ file: CHART, line: 4, value: '' }, { file: APP, line: 4, value: '2024.11.3' }] }),
    );
    expect(deleted.has('rollout.maxSurge')).toBe(false);
  });

  it('shows a null Helm keeps (no chart default to delete) as a null value set by that file', () => {
    const kept = byPath(effectiveValues(sampleLayers({ stage: 'env:\n  LOG_LEVEL: null\n' })));
    expect(kept.get('env.LOG_LEVEL')).toEqual(
      expect.objectContaining({ value: null, source: { file: STAGE, kind: 'environment', line: 2 }, overrides: [{ file: APP, line: 6, value: 'info' }] }),
    );
    expect(kept.get('env.LOG_LEVEL')?.deleted).toBeUndefined();
  });

  it('quotes keys that contain dots', () => {
    const dotted = effectiveValues(sampleLayers({ stage: 'env:\n  "app.kubernetes.io/name": intake\n' }));
    expect(dotted.map((e) => e.path)).toContain('env."app.kubernetes.io/name"');
    expect(dotted.find((e) => e.path === 'env."app.kubernetes.io/name"')?.keys).toEqual(['env', 'app.kubernetes.io/name']);
  });
});
