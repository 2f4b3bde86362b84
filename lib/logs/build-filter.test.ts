import { describe, expect, test } from 'vitest';
import { parseFilter, type FilterNode } from '@/sandbox/cloud-logging/filter';
import { buildCloudLoggingFilter, logsExplorerUrl, quoteFilterString } from './build-filter';
import type { LogQuery } from './log-entry';

const base: LogQuery = { app: 'intake-forms', namespace: 'intake-forms', environment: 'stage', cluster: 'gke-stage' };
const head =
  'resource.type="k8s_container" resource.labels.project_id="meridian-stage" resource.labels.cluster_name="gke-stage" ' +
  'resource.labels.namespace_name="intake-forms" labels."k8s-pod/app_kubernetes_io/instance"="intake-forms"';

function restrictions(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? node.children : [node];
}

describe('buildCloudLoggingFilter', () => {
  test.each<[string, Partial<LogQuery>, string]>([
    ['the app in its cluster and namespace', {}, head],
    ['one pod', { pods: ['web-1'] }, `${head} resource.labels.pod_name="web-1"`],
    [
      'several pods as an OR group',
      { pods: ['web-1', 'web-2', 'web-1'] },
      `${head} (resource.labels.pod_name="web-1" OR resource.labels.pod_name="web-2")`,
    ],
    ['a container', { container: 'web' }, `${head} resource.labels.container_name="web"`],
    ['a minimum severity', { minSeverity: 'WARNING' }, `${head} severity>=WARNING`],
    ['DEFAULT as minimum severity restricts nothing', { minSeverity: 'DEFAULT' }, head],
    [
      'a time range',
      { since: new Date('2026-11-12T09:00:00Z'), until: new Date('2026-11-12T10:00:00.5Z') },
      `${head} timestamp>="2026-11-12T09:00:00.000Z" timestamp<"2026-11-12T10:00:00.500Z"`,
    ],
    ['text as a quoted global restriction', { text: '  connection refused ' }, `${head} "connection refused"`],
    ['quotes and backslashes escaped', { text: 'he said "hi"\\' }, `${head} "he said \\"hi\\"\\\\"`],
    ['control characters flattened', { text: 'line one\nline\ttwo' }, `${head} "line one line two"`],
    ['blank text ignored', { text: '   ' }, head],
    [
      'everything at once',
      { pods: ['a', 'b'], container: 'web', minSeverity: 'ERROR', since: new Date('2026-11-12T09:00:00Z'), text: 'timeout' },
      `${head} (resource.labels.pod_name="a" OR resource.labels.pod_name="b") resource.labels.container_name="web" severity>=ERROR timestamp>="2026-11-12T09:00:00.000Z" "timeout"`,
    ],
  ])('%s', (_name, query, expected) => {
    const filter = buildCloudLoggingFilter({ ...base, ...query }, { projectId: 'meridian-stage' });
    expect(filter).toBe(expected);
    // The sandbox parser (an independent reading of the language) accepts what Berth sends.
    expect(() => parseFilter(filter)).not.toThrow();
  });

  test('leaves the time out for a Logs Explorer link', () => {
    const filter = buildCloudLoggingFilter(
      { ...base, since: new Date('2026-11-12T09:00:00Z'), until: new Date('2026-11-12T10:00:00Z') },
      { projectId: 'meridian-stage', includeTime: false },
    );
    expect(filter).toBe(head);
  });

  test.each([
    'he said "hi"\\',
    '" OR resource.type="gce_instance',
    '\\" OR severity>=DEBUG OR "',
    'a\\\\" -labels.x="y',
    ') OR (',
    '"',
    '\\',
  ])('text %j stays one text restriction (no filter injection)', (text) => {
    const filter = buildCloudLoggingFilter({ ...base, text }, { projectId: 'meridian-stage' });
    const parts = restrictions(parseFilter(filter));
    const texts = parts.filter((part) => part.kind === 'text');
    expect(texts).toEqual([{ kind: 'text', text }]);
    expect(parts).toHaveLength(6);
    expect(parts.every((part) => part.kind === 'compare' || part.kind === 'text')).toBe(true);
  });

  test('values other than text are escaped too', () => {
    const filter = buildCloudLoggingFilter({ ...base, app: 'x" OR "y', pods: ['p"1'] }, { projectId: 'p' });
    const parts = restrictions(parseFilter(filter));
    expect(parts).toHaveLength(6);
    expect(parts[4]).toMatchObject({ kind: 'compare', field: { kind: 'labels' }, value: { kind: 'string', text: 'x" OR "y' } });
    expect(parts[5]).toMatchObject({ kind: 'compare', value: { kind: 'string', text: 'p"1' } });
  });

  test('quoteFilterString', () => {
    expect(quoteFilterString('plain')).toBe('"plain"');
    expect(quoteFilterString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe('logsExplorerUrl', () => {
  const filter = `resource.type="k8s_container" (resource.labels.pod_name="a" OR resource.labels.pod_name="b") severity>=ERROR "50% done; a/b=c?"`;

  test('an absolute time range', () => {
    const url = logsExplorerUrl(filter, 'meridian-stage', {
      since: new Date('2026-11-12T09:00:00Z'),
      until: new Date('2026-11-12T10:00:00Z'),
    });
    expect(url).toBe(
      'https://console.cloud.google.com/logs/query;query=' +
        'resource.type%3D%22k8s_container%22%20%28resource.labels.pod_name%3D%22a%22%20OR%20resource.labels.pod_name%3D%22b%22%29%20' +
        'severity%3E%3DERROR%20%2250%25%20done%3B%20a%2Fb%3Dc%3F%22' +
        ';timeRange=2026-11-12T09%3A00%3A00.000Z%2F2026-11-12T10%3A00%3A00.000Z?project=meridian-stage',
    );
    // The filter comes back intact from the query= parameter.
    const query = /;query=([^;?]*)/.exec(url)![1];
    expect(decodeURIComponent(query)).toBe(filter);
    expect(new URL(url).searchParams.get('project')).toBe('meridian-stage');
  });

  test('a relative range and a cursor', () => {
    const url = logsExplorerUrl('severity>=ERROR', 'meridian-prod', { duration: 'PT1H', cursor: new Date('2026-11-12T09:30:00Z') });
    expect(url).toBe(
      'https://console.cloud.google.com/logs/query;query=severity%3E%3DERROR;timeRange=PT1H;cursorTimestamp=2026-11-12T09%3A30%3A00.000Z?project=meridian-prod',
    );
  });

  test.each(['1h', 'P', 'PT', 'PT1.5H'])('rejects the duration %j', (duration) => {
    expect(() => logsExplorerUrl('x', 'p', { duration })).toThrow(/ISO 8601 duration/);
  });

  test('rejects an empty range', () => {
    const at = new Date('2026-11-12T09:00:00Z');
    expect(() => logsExplorerUrl('x', 'p', { since: at, until: at })).toThrow(/start before it ends/);
  });
});
