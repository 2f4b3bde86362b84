import 'server-only';
// Live status: subscribe(app, env, listener) gets the full status at once, then a new one only when
// it changed. One hub per app and environment is shared by every subscriber (every open page, via
// its SSE stream): cache changes are coalesced, the status is computed once and fanned out.
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog, EnvironmentName } from '@/lib/catalog/types';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { logger } from '@/lib/logger/logger';
import { type AppStatus, statusFingerprint } from './app-status';
import type { CacheChange } from './cluster-cache';
import { clusterOf, type StatusDeps, statusOf } from './get-app-status';
import { getKubeRuntime, type KubeRuntime } from './kube-runtime';

export type StatusListener = (status: AppStatus) => void;

export interface SubscribeOptions extends StatusDeps {
  /** At most one status computation per app and environment this often (default 250 ms). */
  coalesceMs?: number;
  /** Recompute this often even without cache changes: a new commit, ageing events (default 5 s). */
  refreshMs?: number;
}

interface Hub {
  listeners: Set<StatusListener>;
  last?: AppStatus;
  fingerprint?: string;
  timer?: NodeJS.Timeout;
  refresh?: NodeJS.Timeout;
  stopWatching?: () => void;
  computing: boolean;
  dirty: boolean;
  lastComputeAt: number;
  closed: boolean;
}

// Hubs recompute on every change of their app's objects. Asking for the catalog costs a git ref
// lookup (a handful of file reads) each time — most of a computation, and under many changes a
// queue on Node's file-system threads — so all hubs share one read for up to a second. A commit
// still shows at the next refresh, and at once when a newer commit is deployed (see compute).
const CATALOG_REUSE_MS = 1000;
const recentCatalogs = new WeakMap<ConfigRepo, { at: number; catalog: Promise<Catalog> }>();

function recentCatalog(repo: ConfigRepo, fresh = false): Promise<Catalog> {
  const recent = recentCatalogs.get(repo);
  if (!fresh && recent && Date.now() - recent.at < CATALOG_REUSE_MS) return recent.catalog;
  const catalog = loadCatalog(repo);
  recentCatalogs.set(repo, { at: Date.now(), catalog });
  catalog.catch(() => recentCatalogs.delete(repo));
  return catalog;
}

export function subscribe(app: string, environment: EnvironmentName, listener: StatusListener, options: SubscribeOptions = {}): () => void {
  const runtime: KubeRuntime = options.runtime ?? getKubeRuntime();
  const repo = options.repo ?? getConfigRepo();
  const coalesceMs = options.coalesceMs ?? 250;
  const key = `${app}|${environment}`;
  let hub = runtime.hubs.get(key) as Hub | undefined;

  const emit = (h: Hub, status: AppStatus) => {
    for (const l of h.listeners) {
      try {
        l(status);
      } catch (error) {
        logger.error({ err: error, app, environment }, 'status listener failed');
      }
    }
  };

  const compute = async (h: Hub) => {
    if (h.closed) return;
    if (h.computing) {
      h.dirty = true;
      return;
    }
    h.computing = true;
    h.dirty = false;
    h.lastComputeAt = Date.now();
    try {
      const statusWith = async (catalog: Catalog) => {
        const found = catalog.apps.find((a) => a.name === app);
        return found && found.environments.includes(environment) ? { catalog, status: await statusOf(found, environment, catalog, { runtime, repo, now: options.now }) } : undefined;
      };
      let computed = await statusWith(await recentCatalog(repo));
      // A running revision the shared catalog's history does not know: a newer commit was just
      // deployed. Read the catalog now rather than show "unknown" until the next read.
      if (computed?.status.change.state === 'unknown') {
        const fresh = await recentCatalog(repo, true);
        if (fresh.revision !== computed.catalog.revision) computed = await statusWith(fresh);
      }
      if (computed && !h.closed) {
        const { status } = computed;
        const fingerprint = statusFingerprint(status);
        if (fingerprint !== h.fingerprint && !h.closed) {
          h.fingerprint = fingerprint;
          h.last = status;
          emit(h, status);
        }
      }
    } catch (error) {
      logger.warn({ err: error, app, environment }, 'status computation failed');
    } finally {
      h.computing = false;
      if (h.dirty) schedule(h);
    }
  };

  const schedule = (h: Hub) => {
    if (h.timer || h.closed) return;
    const wait = Math.max(0, coalesceMs - (Date.now() - h.lastComputeAt));
    h.timer = setTimeout(() => {
      h.timer = undefined;
      void compute(h);
    }, wait);
  };

  if (!hub) {
    const created: Hub = { listeners: new Set(), computing: false, dirty: false, lastComputeAt: 0, closed: false };
    hub = created;
    runtime.hubs.set(key, created);
    void loadCatalog(repo)
      .then((catalog) => {
        if (created.closed) return;
        const namespace = catalog.apps.find((a) => a.name === app)?.namespace;
        const { cache } = clusterOf(runtime, catalog, environment);
        created.stopWatching = cache?.onChange((change: CacheChange) => {
          const relevant = 'cluster' in change || ('app' in change && change.app === app) || ('namespace' in change && change.namespace === namespace);
          if (relevant) schedule(created);
        });
      })
      .catch((error: unknown) => logger.warn({ err: error, app }, 'could not watch the app'));
    created.refresh = setInterval(() => schedule(created), options.refreshMs ?? 5000);
    created.refresh.unref?.();
    void compute(created);
  }

  const current = hub;
  current.listeners.add(listener);
  if (current.last) {
    const last = current.last;
    queueMicrotask(() => {
      if (current.listeners.has(listener)) listener(last);
    });
  }

  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    current.closed = true;
    clearTimeout(current.timer);
    clearInterval(current.refresh);
    current.stopWatching?.();
    if (runtime.hubs.get(key) === current) runtime.hubs.delete(key);
  };
}
