import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { LogViewer } from '@/components/logs/log-viewer';
import { LogAccessNotice } from '@/components/logs/log-access-notice';
import { UrlProblemsNotice } from '@/components/logs/url-problems-notice';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { isAppName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { checkLogAccessPerEnvironment } from '@/lib/logs/log-access';
import { logSourceKind } from '@/lib/logs/get-log-source';
import { type LogViewProblem, parseLogView } from '@/lib/logs/log-view-params';

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  return { title: isAppName(app) ? `Logs · ${app}` : 'Logs' };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AppLogsPage({ params, searchParams }: { params: Promise<{ app: string }>; searchParams: Promise<SearchParams> }) {
  const { app: name } = await params;
  if (!isAppName(name)) notFound();
  const search = await searchParams;
  const user = await requireUser(`/apps/${name}/logs${toQueryString(search)}`);
  const catalog = await loadCatalog();
  const app = catalog.apps.find((a) => a.name === name);
  if (!app) notFound();
  if (!decide(user, 'app.view', { app }).allowed) forbidden();

  const appEnvironments = app.environments.flatMap((name) => catalog.environments.filter((e) => e.name === name));
  const environments = appEnvironments.map((environment) => ({ name: environment.name, project: environment.project, cluster: environment.cluster, logsHoldPhi: environment.logsHoldPhi }));
  if (environments.length === 0) notFound();
  // Each environment's logs are asked of the policy again by the log routes; this says on what ground.
  const access = await checkLogAccessPerEnvironment(user, app, appEnvironments);

  // A link with a bad filter still opens the logs: the bad params are named and left out.
  const problems: LogViewProblem[] = [];
  let parsed = parseLogView(search);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    const clean = { ...search };
    for (const problem of parsed.problems) delete clean[problem.param];
    if (parsed.problems.some((p) => p.param === 'pod')) delete clean.pods;
    if (parsed.problems.some((p) => p.param === 'until')) delete clean.since;
    parsed = parseLogView(clean);
  }
  const view = parsed.ok ? parsed.view : { pods: [], previous: false, follow: false };
  if (view.env && !environments.some((e) => e.name === view.env)) {
    problems.push({ param: 'env', message: `${app.name} does not run in ${view.env}; showing ${environments[0].name}.` });
    view.env = undefined;
  }
  view.env ??= environments[0].name;
  const { connection } = getConfig();

  return (
    <>
      <PageHeader
        title={`Logs · ${app.name}`}
        description={
          <>
            What the containers of {app.name} write, per environment: filter, follow live, share the link.{' '}
            {connection === 'sandbox' ? 'These are the sandbox cluster’s simulated pods.' : null}
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="info">{logSourceKind() === 'cloud-logging' ? 'Cloud Logging' : 'pod logs from the Kubernetes API'}</Badge>
            <Link href={`/apps/${app.name}`} className="text-sm">
              ← {app.name}
            </Link>
          </div>
        }
      />
      <LogViewer
        app={{ name: app.name, namespace: app.namespace }}
        environments={environments}
        initialView={view}
        initialNow={renderedAt()}
        sourceKind={logSourceKind()}
        notice={
          <>
            <UrlProblemsNotice problems={problems} />
            <LogAccessNotice environments={appEnvironments} access={access} />
          </>
        }
      />
    </>
  );
}

/** The moment of this request: time-range presets count back from it until the reader changes the view. */
function renderedAt(): number {
  return Date.now();
}

function toQueryString(search: SearchParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) for (const v of [value ?? []].flat()) params.append(key, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}
