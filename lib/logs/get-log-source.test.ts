// The LogSource factory against the real backends: the sandbox Cloud Logging server over gRPC and
// the sandbox Kubernetes API over HTTP, each reached the way the configuration says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { type CloudLoggingServer, type SandboxLogRecord, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import { ManualClock } from '@/sandbox/kube-api/clock';
import type { Pod } from '@/sandbox/kube-api/kube-types';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { isPodReady } from '@/sandbox/kube-api/simulator';
import { app } from '@/sandbox/kube-api/test-helpers';
import { parseConfig, resetConfigForTests } from '@/lib/config/get-config';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { CloudLoggingSource } from './cloud-logging-source';
import { createLogSource, getLogSource, resetLogSourceForTests } from './get-log-source';
import { logSourceRejection } from '@/lib/testing/log-records';
import { KubernetesSource } from './kubernetes-source';
import type { LogQuery } from './log-entry';
import { logFailure } from './log-error-response';
import { isLogSourceError, type LogSourceError } from './log-source';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-log-source-'));
const environments = [
  { name: 'stage' as const, project: 'meridian-stage' },
  { name: 'production' as const, project: 'meridian-prod' },
];
const stage: LogQuery = { app: 'intake-forms', namespace: 'intake-forms', environment: 'stage', cluster: 'gke-stage' };
const production: LogQuery = { ...stage, environment: 'production', cluster: 'gke-production' };

const rejection = logSourceRejection;

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('LOG_SOURCE=cloud-logging', () => {
  const feed = new MemoryLogFeed();
  let server: CloudLoggingServer;
  const record = (projectId: string, cluster: string, text: string, insertId: string): SandboxLogRecord => ({
    projectId,
    cluster,
    namespace: 'intake-forms',
    pod: 'intake-forms-web-1',
    container: 'web',
    podLabels: { 'app.kubernetes.io/instance': 'intake-forms' },
    time: new Date(Date.now() - 60_000),
    text,
    stream: 'stdout',
    insertId,
  });

  beforeAll(async () => {
    feed.push(record('meridian-stage', 'gke-stage', 'hello from stage', 's1'), record('meridian-prod', 'gke-production', 'hello from production', 'p1'));
    server = await startCloudLoggingServer({ feed, projectId: ['meridian-stage', 'meridian-prod'] });
  });

  afterAll(async () => {
    await server.close();
  });

  test('reads each environment from its own project, at the configured endpoint', async () => {
    const config = parseConfig({ LOG_SOURCE: 'cloud-logging', CLOUD_LOGGING_ENDPOINT: server.endpoint }, tmp);
    let current = environments.map((e) => ({ ...e }));
    const source = createLogSource(config, { environments: () => current });
    expect(source).toBeInstanceOf(CloudLoggingSource);
    try {
      expect((await source.query(stage)).entries.map((e) => e.text)).toEqual(['hello from stage']);
      expect((await source.query(production)).entries.map((e) => e.text)).toEqual(['hello from production']);

      // The environments are read on each query: a project changed in environments.yaml is used at once.
      current = [{ name: 'stage', project: 'meridian-stage-new' }, environments[1]];
      const refused = await rejection(source.query(stage));
      expect(refused.kind).toBe('permission-denied');
      expect(refused.message).toContain('meridian-stage-new');

      const unknown = await rejection(source.query({ ...stage, environment: 'qa' }));
      expect(unknown.kind).toBe('invalid-query');
      expect(unknown.message).toBe('Berth does not know the GCP project of environment qa: it is not in environments.yaml.');
    } finally {
      await (source as CloudLoggingSource).close();
    }
  });

  test('a backend that is down is "unavailable": a 503 with a retry hint', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const config = parseConfig({ LOG_SOURCE: 'cloud-logging', CLOUD_LOGGING_ENDPOINT: gone.endpoint }, tmp);
    const source = createLogSource(config, { environments: () => environments });
    try {
      const error = await rejection(source.query(stage));
      expect(error.kind).toBe('unavailable');
      expect(logFailure(error)).toMatchObject({ code: 'unavailable', details: { kind: 'unavailable', retryable: true } });
      expect(logFailure(error).message).toContain('Cloud Logging could not be reached.');
      expect(logFailure(error).message).not.toContain(gone.endpoint);
    } finally {
      await (source as CloudLoggingSource).close();
    }
  });
});

describe('LOG_SOURCE=kubernetes', () => {
  let kube: KubeApiServer;
  let clock: ManualClock;
  const kubeconfigPath = path.join(tmp, 'kubeconfig');

  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    kube = await startKubeApiServer({ clusters: ['stage', 'production'], clock, seed: 'get-log-source-test' });
    for (const cluster of kube.clusters) kube.applyDesiredState(cluster, [app('intake-forms', [{ name: 'web', replicas: 1 }])]);
    const running = (cluster: string) =>
      (kube.store(cluster).list('pods', 'intake-forms') as Pod[]).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
    expect(clock.advanceUntil(() => running('stage').length === 1 && running('production').length === 1, { maxMs: 300_000, stepMs: 500 })).toBe(true);
    for (const cluster of kube.clusters) {
      expect(kube.simulator(cluster).mutatePod('intake-forms', running(cluster)[0].metadata.name, { type: 'log', lines: [`MARK written in ${cluster}`] })).toBe(true);
    }
    clock.advance(10);
    // Context names differ from the cluster names, as on a laptop with gcloud's contexts.
    await kube.writeKubeconfig(kubeconfigPath, { contexts: { 'gke_meridian-stage': 'stage', 'gke_meridian-prod': 'production' } });
  });

  afterAll(async () => {
    await kube.close();
  });

  test('reads each environment through the context KUBE_CONTEXT_<ENV> names', async () => {
    const config = parseConfig(
      { LOG_SOURCE: 'kubernetes', KUBECONFIG: kubeconfigPath, KUBE_CONTEXT_STAGE: 'gke_meridian-stage', KUBE_CONTEXT_PRODUCTION: 'gke_meridian-prod' },
      tmp,
    );
    const source = createLogSource(config, { environments: () => environments });
    expect(source).toBeInstanceOf(KubernetesSource);
    expect((await source.query({ ...stage, text: 'MARK' })).entries.map((e) => e.text)).toEqual(['MARK written in stage']);
    expect((await source.query({ ...production, text: 'MARK' })).entries.map((e) => e.text)).toEqual(['MARK written in production']);
  });

  test('a context the kubeconfig lacks is a clear invalid-query', async () => {
    const config = parseConfig({ LOG_SOURCE: 'kubernetes', KUBECONFIG: kubeconfigPath }, tmp); // default contexts: stage, production
    const source = createLogSource(config, { environments: () => environments });
    const error = await rejection(source.query(stage));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toBe('Berth has no connection to cluster gke-stage (stage): no kubeconfig context for it.');
  });

  test('a missing kubeconfig is "unavailable", naming the file', () => {
    const missing = path.join(tmp, 'nowhere', 'kubeconfig');
    const config = parseConfig({ LOG_SOURCE: 'kubernetes', KUBECONFIG: missing }, tmp);
    let caught: unknown;
    try {
      createLogSource(config, { environments: () => environments });
    } catch (error) {
      caught = error;
    }
    expect(isLogSourceError(caught)).toBe(true);
    expect((caught as LogSourceError).kind).toBe('unavailable');
    expect((caught as LogSourceError).message).toContain(`the kubeconfig at ${missing}`);
  });

  test('getLogSource keeps one source per process, and retries one it could not create', async () => {
    const sample = await makeSampleRepo();
    const saved = { ...process.env };
    const late = path.join(tmp, 'late-kubeconfig');
    try {
      Object.assign(process.env, {
        CONFIG_REPO_DIR: sample.dir,
        BERTH_DATA_DIR: path.join(tmp, 'data'),
        LOG_SOURCE: 'kubernetes',
        KUBECONFIG: late,
        KUBE_CONTEXT_STAGE: 'gke_meridian-stage',
        KUBE_CONTEXT_PRODUCTION: 'gke_meridian-prod',
      });
      resetConfigForTests();
      await resetLogSourceForTests();
      // The sandbox writes the kubeconfig while Berth starts: not there yet, then there.
      expect((await rejection(getLogSource())).kind).toBe('unavailable');
      fs.copyFileSync(kubeconfigPath, late);
      const first = await getLogSource();
      expect(await getLogSource()).toBe(first);
      expect((await first.query({ ...stage, text: 'MARK' })).entries).toHaveLength(1);
      await resetLogSourceForTests();
      expect(await getLogSource()).not.toBe(first);
    } finally {
      process.env = saved;
      resetConfigForTests();
      await resetLogSourceForTests();
      sample.cleanup();
    }
  });
});
