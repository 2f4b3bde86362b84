import 'server-only';
// A log route's request → the LogQuery to run: the app from the catalog, the person's right to
// see it, the environment's cluster, and the filter from the search params — every refusal a
// status and a sentence the viewer can show as it is.
import { z } from 'zod';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { appNameSchema } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Catalog, Environment } from '@/lib/catalog/types';
import { fail, fieldErrorsOf, ok, type Result } from '@/lib/result/result';
import { type LogQuery, MAX_PAGE_SIZE, SEVERITIES } from './log-entry';
import { type LogView, logQueryFilter, parseLogView, resolveTimeWindow } from './log-view-params';

/** Kubernetes names (namespace, pod, container): DNS-1123 labels and subdomains. */
const kubeName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'a Kubernetes name (lowercase letters, digits, - and .)');

/** The query as it arrives from a route handler's search params or body. */
const logQuerySchema = z
  .object({
    app: kubeName,
    namespace: kubeName,
    environment: z.string().min(1).max(63),
    cluster: z.string().min(1).max(100),
    pods: z.array(kubeName).max(50).optional(),
    container: kubeName.optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    text: z.string().max(500).optional(),
    since: z.coerce.date().optional(),
    until: z.coerce.date().optional(),
    pageToken: z.string().max(2000).optional(),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    previous: z.boolean().optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .refine((q) => !q.since || !q.until || q.since < q.until, { message: 'since must be before until', path: ['until'] });

export interface LogRequest {
  app: App;
  environment: Environment;
  view: LogView;
  query: LogQuery;
}


export interface ResolveLogRequestOptions {
  /** The start of a preset window is counted back from this (default: now). */
  now?: Date;
  /** Default: the catalog at the config repository's head. */
  catalog?: Catalog;
  /** Default page size when the request names none. */
  pageSize?: number;
}

const pagingSchema = z.object({
  pageToken: z.string().min(1).max(2000).optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export async function resolveLogRequest(
  user: BerthUser,
  appParam: string,
  search: URLSearchParams,
  options: ResolveLogRequestOptions = {},
): Promise<Result<LogRequest>> {
  const name = appNameSchema.safeParse(appParam);
  if (!name.success) {
    return fail('invalid', 'That is not an app name: lowercase letters, digits and dashes, at most 63 characters.');
  }
  const parsed = parseLogView(search);
  if (!parsed.ok) {
    return fail('invalid', parsed.problems.map((p) => p.message).join(' '), { details: parsed.problems });
  }
  const paging = pagingSchema.safeParse({
    pageToken: search.get('pageToken') || undefined,
    pageSize: search.get('pageSize') || undefined,
  });
  if (!paging.success) {
    return fail('invalid', `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, and the page token one Berth issued.`);
  }

  const catalog = options.catalog ?? (await loadCatalog());
  const app = catalog.apps.find((a) => a.name === name.data);
  if (!app) return fail('not-found', `There is no app called ${name.data}.`);
  const decision = decide(user, 'app.view', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);

  const view = parsed.view;
  const environmentName = view.env ?? app.environments[0];
  const environment = catalog.environments.find((e) => e.name === environmentName);
  if (!environmentName || !app.environments.some((e) => e === environmentName) || !environment) {
    return fail('not-found', `${app.name} does not run in ${environmentName ?? 'any environment'}; it runs in ${app.environments.join(' and ') || 'none'}.`);
  }

  const candidate: LogQuery = {
    app: app.name,
    namespace: app.namespace,
    environment: environment.name,
    cluster: environment.cluster,
    ...logQueryFilter(view, resolveTimeWindow(view, options.now)),
    pageToken: paging.data.pageToken,
    pageSize: paging.data.pageSize ?? options.pageSize,
  };
  const query = logQuerySchema.safeParse(candidate);
  if (!query.success) {
    return fail('invalid', 'The log filter is not valid: check the pod, container and time range.', { fieldErrors: fieldErrorsOf(query.error.issues) });
  }
  return ok({ app, environment, view: { ...view, env: environment.name }, query: stripUndefined(query.data) });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
