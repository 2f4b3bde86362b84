import { describe, expect, test } from 'vitest';
import { canFollow, type LogView, logQueryFilter, logViewSearchParams, parseLogView, resolveTimeWindow } from './log-view-params';

const base: LogView = { pods: [], previous: false, follow: false };

function parsed(search: string): LogView {
  const result = parseLogView(new URLSearchParams(search));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.view;
}

describe('parseLogView', () => {
  test.each<[string, Partial<LogView>]>([
    ['', {}],
    ['env=production', { env: 'production' }],
    ['pod=a-1&pod=b-2&pods=c-3,a-1', { pods: ['a-1', 'b-2', 'c-3'] }],
    ['container=web', { container: 'web' }],
    ['severity=error', { severity: 'ERROR' }],
    ['severity=any', {}],
    ['q=%22FHIR%22+%5C+x', { q: '"FHIR" \\ x' }],
    ['q=+++', {}],
    ['range=15m', { range: '15m' }],
    ['since=2026-11-12T09:00:00Z&until=2026-11-12T09:05:00.123456789Z', { since: new Date('2026-11-12T09:00:00Z'), until: new Date('2026-11-12T09:05:00.123Z') }],
    ['since=2026-11-12T10:00:00%2B01:00', { since: new Date('2026-11-12T09:00:00Z') }],
    ['previous=1&follow=true', { previous: true, follow: true }],
    ['previous=0&follow=', {}],
  ])('%s', (search, expected) => {
    expect(parsed(search)).toEqual({ ...base, ...expected });
  });

  test('the "logs around this restart" link from the status section', () => {
    const view = parsed('env=stage&pod=intake-forms-web-7d4f-x2x9q&container=web&previous=1&since=2026-11-12T08:55:00Z&until=2026-11-12T09:01:00Z');
    expect(view).toEqual({
      ...base,
      env: 'stage',
      pods: ['intake-forms-web-7d4f-x2x9q'],
      container: 'web',
      previous: true,
      since: new Date('2026-11-12T08:55:00Z'),
      until: new Date('2026-11-12T09:01:00Z'),
    });
    expect(canFollow(view)).toBe(false);
  });

  test.each<[string, string, string]>([
    ['env=Stage!', 'env', 'The environment must be a name such as stage or production.'],
    ['pod=../etc', 'pod', '"../etc" is not a pod name.'],
    ['container=Web_1', 'container', '"Web_1" is not a container name.'],
    ['severity=loud', 'severity', 'The severity must be one of DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY.'],
    [`q=${'x'.repeat(501)}`, 'q', 'Search for at most 500 characters.'],
    ['range=2d', 'range', 'The time range must be 15m, 1h or 24h (or give since and until).'],
    ['since=yesterday', 'since', 'since must be a time such as 2026-11-12T09:00:00Z.'],
    ['since=2026-11-12T09:00:00', 'since', 'since must be a time such as 2026-11-12T09:00:00Z.'],
    ['since=2026-11-12T09:00:00Z&until=2026-11-12T09:00:00Z', 'until', 'The end of the time range must come after its start.'],
    ['previous=yes', 'previous', 'previous must be 1 or 0.'],
  ])('refuses %s', (search, param, message) => {
    expect(parseLogView(new URLSearchParams(search))).toEqual({ ok: false, problems: [{ param, message }] });
  });

  test('refuses more than 50 pods', () => {
    const search = new URLSearchParams(Array.from({ length: 51 }, (_, i) => ['pod', `p-${i}`]));
    expect(parseLogView(search)).toMatchObject({ ok: false, problems: [{ param: 'pod' }] });
  });

  test('reads a page’s searchParams object too', () => {
    expect(parseLogView({ env: 'stage', pod: ['a', 'b'], severity: 'WARNING', q: undefined })).toEqual({
      ok: true,
      view: { ...base, env: 'stage', pods: ['a', 'b'], severity: 'WARNING' },
    });
  });
});

describe('logViewSearchParams', () => {
  test('writes a stable, shareable address that reads back the same', () => {
    const view: LogView = { ...base, env: 'stage', pods: ['p-1', 'p-2'], container: 'web', severity: 'ERROR', q: 'a "b" \\c', range: '15m', follow: true };
    const search = logViewSearchParams(view).toString();
    expect(search).toBe('env=stage&pod=p-1&pod=p-2&container=web&severity=ERROR&q=a+%22b%22+%5Cc&range=15m&follow=1');
    expect(parsed(search)).toEqual(view);
  });

  test('a fixed window wins over a preset; the default preset is left out', () => {
    const since = new Date('2026-11-12T09:00:00Z');
    expect(logViewSearchParams({ ...base, range: '24h', since }).toString()).toBe('since=2026-11-12T09%3A00%3A00.000Z');
    expect(logViewSearchParams({ ...base, range: '1h' }).toString()).toBe('');
  });
});

describe('time window and query filter', () => {
  const now = new Date('2026-11-12T10:00:00Z');

  test('a preset counts back from now; the default is the last hour', () => {
    expect(resolveTimeWindow({ range: '15m' }, now)).toEqual({ since: new Date('2026-11-12T09:45:00Z') });
    expect(resolveTimeWindow({}, now)).toEqual({ since: new Date('2026-11-12T09:00:00Z') });
  });

  test('since/until are kept as given', () => {
    const since = new Date('2026-11-12T08:00:00Z');
    expect(resolveTimeWindow({ range: '15m', since }, now)).toEqual({ since, until: undefined });
  });

  test('maps onto the LogQuery fields, leaving empty ones out', () => {
    expect(logQueryFilter({ ...base, q: '  timeout ' }, { since: now })).toEqual({
      pods: undefined,
      container: undefined,
      minSeverity: undefined,
      text: 'timeout',
      since: now,
      until: undefined,
      previous: undefined,
    });
    expect(logQueryFilter({ ...base, pods: ['p'], previous: true, severity: 'WARNING' }, {})).toMatchObject({ pods: ['p'], previous: true, minSeverity: 'WARNING' });
  });

  test('following needs a window that reaches now and a running container', () => {
    expect(canFollow(base)).toBe(true);
    expect(canFollow({ ...base, until: now })).toBe(false);
    expect(canFollow({ ...base, previous: true })).toBe(false);
  });
});
