// The sandbox's CI/CD: polls the config repository and, when the branch head moves, renders each
// app's merged values per environment the way the chart would and hands the result to that
// environment's cluster. An app whose values fail validation is skipped and keeps running what it
// ran before (as a failed CI deploy would). Each deploy is stamped with the newest commit that
// changed the app's files for that environment (berth.dev/config-revision).
import { parse } from 'yaml';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, EnvironmentName } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { blobId, history } from '@/lib/gitops/history';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { configFilesFor } from '@/lib/kube/config-files';
import { validateValues } from '@/lib/values';
import type { DesiredApp } from '@/sandbox/kube-api/desired-state';
import { renderDesiredApp } from './render-desired-app';

export interface DeployTarget {
  environment: EnvironmentName;
  /** Makes the environment's cluster run exactly these apps. */
  apply(apps: DesiredApp[]): void;
}

export interface DeployerOptions {
  repo: ConfigRepo;
  targets: DeployTarget[];
  /** Real milliseconds between two looks at the branch head (default 1000). */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface Deployer {
  /** The head revision last deployed (undefined before the first deploy). */
  readonly revision: string | undefined;
  /** Looks at the repository now (tests call it instead of waiting for the next poll). */
  syncNow(): Promise<void>;
  close(): void;
}

interface Deployed {
  /** Blob ids of the app's files + namespace: unchanged ⇒ nothing to render. */
  signature: string;
  desired?: DesiredApp;
  failed?: boolean;
}

function short(revision: string): string {
  return revision.slice(0, 7);
}

function describe(app: DesiredApp): string {
  return app.deployments.map((d) => `${d.name}×${d.replicas}`).join(', ');
}

export function startDeployer(options: DeployerOptions): Deployer {
  const { repo, targets } = options;
  const log = options.log ?? ((line: string) => console.log(`[deployer] ${line}`));
  const deployed = new Map<string, Deployed>();
  let lastHead: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> | undefined;

  async function chartLabel(head: string): Promise<string | undefined> {
    const text = await readFile(repo, 'chart/Chart.yaml', head);
    if (!text) return undefined;
    const chart = parse(text) as { name?: unknown; version?: unknown } | null;
    return typeof chart?.name === 'string' && chart.version !== undefined ? `${chart.name}-${String(chart.version)}` : undefined;
  }

  async function renderApp(app: App, environment: EnvironmentName, head: string, chart: string | undefined, environments: { name: string; project: string }[]): Promise<DesiredApp | undefined> {
    const key = `${environment}/${app.name}`;
    const paths = configFilesFor(app, environment);
    const blobs = await Promise.all(paths.map((p) => blobId(repo, head, p)));
    const signature = [app.namespace, chart ?? '', ...blobs].join('|');
    const previous = deployed.get(key);
    if (previous?.signature === signature) return previous.desired;

    const context = await loadValuesContext(repo, app, environment, head);
    const validation = validateValues({ schema: context.schema, layers: context.layers, environment, environments });
    if (!validation.ok || !validation.merged) {
      const first = validation.problems.find((p) => p.severity === 'error');
      const where = first ? ` (${first.file}:${first.line}: ${first.message})` : '';
      log(`${environment}: skipped ${app.name} at ${short(head)}: its values do not validate${where}; it keeps running ${previous?.desired ? short(previous.desired.revision) : 'nothing'}`);
      deployed.set(key, { signature, desired: previous?.desired, failed: true });
      return previous?.desired;
    }
    const [newest] = await history(repo, { from: head, paths, limit: 1 });
    const revision = newest?.revision ?? head;
    const desired = renderDesiredApp({ app: app.name, namespace: app.namespace, revision, chart, values: validation.merged });
    deployed.set(key, { signature, desired });
    log(`${environment}: deploy ${app.name} at ${short(revision)} (${describe(desired)})`);
    return desired;
  }

  async function sync(): Promise<void> {
    const head = await headRevision(repo);
    if (head === lastHead) return;
    const catalog = await loadCatalog(repo);
    const chart = await chartLabel(head);
    const environments = catalog.environments.map((e) => ({ name: e.name, project: e.project }));
    for (const target of targets) {
      const apps: DesiredApp[] = [];
      for (const app of catalog.apps) {
        if (!app.environments.includes(target.environment)) continue;
        try {
          const desired = await renderApp(app, target.environment, head, chart, environments);
          if (desired) apps.push(desired);
        } catch (error) {
          log(`${target.environment}: skipped ${app.name} at ${short(head)}: ${error instanceof Error ? error.message : String(error)}`);
          const kept = deployed.get(`${target.environment}/${app.name}`)?.desired;
          if (kept) apps.push(kept);
        }
      }
      target.apply(apps);
    }
    lastHead = head;
  }

  function syncOnce(): Promise<void> {
    running ??= sync()
      .catch((error: unknown) => log(`could not read the config repository: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const loop = () => {
    if (closed) return;
    void syncOnce().then(() => {
      if (!closed) timer = setTimeout(loop, options.intervalMs ?? 1000);
    });
  };
  loop();

  return {
    get revision() {
      return lastHead;
    },
    async syncNow() {
      await running;
      await syncOnce();
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
