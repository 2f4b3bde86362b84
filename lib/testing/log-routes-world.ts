// Berth's real log route handlers in this process, behind a test IAP, reading pod logs from the
// sandbox Kubernetes API over HTTP, against a SQLite database and a copy of the sample config
// repository — what a route test needs to ask "who may read, and was it recorded" end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '@/sandbox/kube-api/clock';
import type { Pod } from '@/sandbox/kube-api/kube-types';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { isPodReady } from '@/sandbox/kube-api/simulator';
import { app } from '@/sandbox/kube-api/test-helpers';
import { resetConfigForTests } from '@/lib/config/get-config';
import { closeDb, getDb, type BerthDb } from '@/lib/db/get-db';
import { resetLogSourceForTests } from '@/lib/logs/get-log-source';
import { startTestIap, type TestIap } from './iap';
import { makeSampleRepo } from './sample-repo';

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface LogRoutesWorld {
  kube: KubeApiServer;
  clock: ManualClock;
  db(): Promise<BerthDb>;
  /** The running pods of an app in an environment. */
  pods(environment: string, appName: string): Pod[];
  /** Lines written by the app's first pod, now (the clock moves 1 ms per line). */
  write(environment: string, appName: string, lines: string[]): void;
  /** Calls a route handler with a request signed by IAP for `email`. */
  call(handler: RouteHandler, email: string, url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const WORLD_APPS = ['care-admin', 'patient-portal'];

export async function startLogRoutesWorld(env: Record<string, string> = {}): Promise<LogRoutesWorld> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-log-routes-'));
  const sample = await makeSampleRepo();
  const iap: TestIap = await startTestIap();
  // The pods' lines fall inside the routes' default window (the last hour).
  const clock = new ManualClock(Date.now() - 10 * 60_000);
  const kube = await startKubeApiServer({ clusters: ['stage', 'production'], clock, seed: 'log-routes' });
  for (const cluster of ['stage', 'production']) {
    kube.applyDesiredState(
      cluster,
      WORLD_APPS.map((name) => app(name, [{ name: 'web', replicas: 1 }])),
    );
  }
  const running = (environment: string, appName: string) =>
    (kube.store(environment).list('pods', appName) as Pod[]).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
  const ready = () => ['stage', 'production'].every((environment) => WORLD_APPS.every((name) => running(environment, name).length === 1));
  if (!clock.advanceUntil(ready, { maxMs: 5 * 60_000, stepMs: 500 })) throw new Error('the sandbox pods did not start');
  const kubeconfig = path.join(tmp, 'kubeconfig');
  await kube.writeKubeconfig(kubeconfig);

  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    AUTH_MODE: 'iap',
    IAP_AUDIENCE: iap.audience,
    IAP_JWKS_URL: iap.jwksUrl,
    BERTH_DATA_DIR: tmp,
    DATABASE_URL: `file:${path.join(tmp, 'berth.db')}`,
    CONFIG_REPO_DIR: sample.dir,
    KUBECONFIG: kubeconfig,
    LOG_SOURCE: 'kubernetes',
    LOG_LEVEL: 'silent',
    BERTH_SANDBOX: '1',
    ...env,
  });
  resetConfigForTests();
  await resetLogSourceForTests();

  return {
    kube,
    clock,
    db: getDb,
    pods: running,
    write(environment, appName, lines) {
      const [pod] = running(environment, appName);
      for (const line of lines) {
        kube.simulator(environment).mutatePod(appName, pod.metadata.name, { type: 'log', lines: [line] });
        clock.advance(1);
      }
    },
    async call(handler, email, url, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('x-goog-iap-jwt-assertion', await iap.token({ email }));
      const request = new Request(new URL(url, 'http://berth.test'), { ...init, headers });
      const appName = /\/api\/apps\/([^/?]+)/.exec(url)?.[1] ?? '';
      return handler(request, { params: Promise.resolve({ app: appName }) });
    },
    async close() {
      await resetLogSourceForTests();
      await closeDb();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      resetConfigForTests();
      await kube.close();
      await iap.close();
      sample.cleanup();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
