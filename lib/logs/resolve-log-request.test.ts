// Search params → LogQuery, against the sample company's catalog (a real config repository).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { resolveLogRequest } from './resolve-log-request';

const viewer: BerthUser = { email: 'someone@meridiancare.example', name: 'someone', role: 'viewer', team: null };
const now = new Date('2026-11-12T10:00:00Z');
let catalog: Catalog;
let cleanup: () => void;

beforeAll(async () => {
  const sample = await makeSampleRepo();
  cleanup = sample.cleanup;
  catalog = await loadCatalog(sample.repo);
});

afterAll(() => cleanup());

const resolve = (app: string, search: string) => resolveLogRequest(viewer, app, new URLSearchParams(search), { catalog, now, pageSize: 200 });

describe('resolveLogRequest', () => {
  test('the app’s namespace and the environment’s cluster; the last hour by default', async () => {
    const result = await resolve('intake-forms', 'env=stage');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.data.query).toEqual({
      app: 'intake-forms',
      namespace: 'intake-forms',
      environment: 'stage',
      cluster: 'gke-stage',
      since: new Date('2026-11-12T09:00:00Z'),
      pageSize: 200,
    });
    expect(result.data.environment.project).toBe('meridian-stage');
  });

  test('every filter, paging and the previous container', async () => {
    const result = await resolve(
      'intake-forms',
      'env=production&pod=intake-forms-web-1&container=web&severity=warning&q=%22quoted%22&since=2026-11-12T08:00:00Z&until=2026-11-12T08:30:00Z&previous=1&pageToken=abc&pageSize=50',
    );
    expect(result.ok && result.data.query).toEqual({
      app: 'intake-forms',
      namespace: 'intake-forms',
      environment: 'production',
      cluster: 'gke-production',
      pods: ['intake-forms-web-1'],
      container: 'web',
      minSeverity: 'WARNING',
      text: '"quoted"',
      since: new Date('2026-11-12T08:00:00Z'),
      until: new Date('2026-11-12T08:30:00Z'),
      previous: true,
      pageToken: 'abc',
      pageSize: 50,
    });
  });

  test('without env: the app’s first environment', async () => {
    const result = await resolve('intake-forms', '');
    expect(result.ok && result.data.view.env).toBe('stage');
  });

  test.each<[string, string, string, RegExp]>([
    ['../etc', '', 'invalid', /^That is not an app name/],
    ['intake-forms', 'severity=loud', 'invalid', /^The severity must be one of/],
    ['intake-forms', 'since=2026-11-12T09:00:00Z&until=2026-11-12T08:00:00Z', 'invalid', /must come after its start/],
    ['intake-forms', 'pageSize=5000', 'invalid', /page size must be a whole number from 1 to 1000/],
    ['no-such-app', '', 'not-found', /^There is no app called no-such-app\.$/],
    ['intake-forms', 'env=qa', 'not-found', /^intake-forms does not run in qa; it runs in stage and production\.$/],
  ])('%s?%s → %s', async (app, search, code, message) => {
    const result = await resolve(app, search);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
  });

  test('a filter problem names its param for the viewer', async () => {
    const result = await resolve('intake-forms', 'pod=Bad_Pod');
    expect(!result.ok && result.error.details).toEqual([{ param: 'pod', message: '"Bad_Pod" is not a pod name.' }]);
  });
});
