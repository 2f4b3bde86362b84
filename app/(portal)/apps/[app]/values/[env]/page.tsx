import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ValuesEditorLoader } from '@/components/values-editor/values-editor-loader';
import { PageHeader } from '@/components/ui/page-header';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { needsApproval, valuesFileNameSchema, valuesFileTarget } from '@/lib/values-files/values-file';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { environmentNameSchema, isAppName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { configuredRemote } from '@/lib/values-files/save-values';
import { getChangeRequest } from '@/lib/changes/get-change-request';

export const metadata = { title: 'Edit values' };

const searchSchema = z.object({ file: valuesFileNameSchema.optional(), change: z.coerce.number().int().positive().max(2 ** 31).optional() });

export default async function EditValuesPage({
  params,
  searchParams,
}: {
  params: Promise<{ app: string; env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { app: appName, env } = await params;
  const environment = environmentNameSchema.safeParse(env);
  if (!isAppName(appName) || !environment.success) notFound();
  const user = await requireUser(`/apps/${appName}/values/${env}`);
  // Another replica may have committed: edit from the remote's latest version.
  await refreshFromRemote(getConfigRepo(), configuredRemote());
  const catalog = await loadCatalog();
  const app = catalog.apps.find((a) => a.name === appName);
  if (!app || !app.environments.includes(environment.data)) notFound();

  const search = searchSchema.safeParse(await searchParams);
  const fileName = (search.success && search.data.file) || (`values-${environment.data}.yaml` as const);
  const target = valuesFileTarget(app, fileName);
  if (!target) notFound();
  const approval = needsApproval(target, catalog.environments);
  const envInfo = catalog.environments.find((e) => e.name === environment.data);
  const decision = approval
    ? decide(user, 'values.requestChange', { app })
    : decide(user, 'values.commit', { app, environment: { name: environment.data, requiresApproval: envInfo?.requiresApproval ?? true } });
  const context = await loadValuesContext(getConfigRepo(), app, environment.data, catalog.revision);
  // Re-basing one's own change request: start from its proposal, on top of the current head.
  const changeId = search.success ? search.data.change : undefined;
  const found = changeId ? await getChangeRequest(user, changeId, { catalog }) : null;
  const existing = found?.ok ? found.data.change : null;
  const change =
    existing && existing.author.email === user.email && existing.filePath === target.path && (existing.status === 'open' || existing.status === 'stale')
      ? { id: existing.id, proposedText: existing.proposedText }
      : undefined;

  return (
    <>
      <PageHeader
        title={`Edit ${app.name} · ${environment.data}`}
        description={
          <>
            Values are checked against the shared chart on the merged result (chart defaults → values.yaml → values-{environment.data}.yaml)
            before anything is saved. {approval ? 'This file is read by production: saving opens a change request a teammate approves.' : 'Saving commits to the config repository under your name.'}
          </>
        }
        actions={
          <nav aria-label="Values files" className="flex gap-2 text-sm">
            <Link href={`/apps/${app.name}/values/${environment.data}`} aria-current={fileName !== 'values.yaml' ? 'page' : undefined}>
              values-{environment.data}.yaml
            </Link>
            <span aria-hidden>·</span>
            <Link href={`/apps/${app.name}/values/${environment.data}?file=values.yaml`} aria-current={fileName === 'values.yaml' ? 'page' : undefined}>
              values.yaml (all environments)
            </Link>
            <span aria-hidden>·</span>
            <Link href={`/apps/${app.name}/history`}>History</Link>
          </nav>
        }
      />
      <ValuesEditorLoader
        app={app.name}
        environment={environment.data}
        file={{ name: target.name, path: target.path, affects: target.affects }}
        baseRevision={context.revision}
        layers={context.layers}
        schema={context.schema}
        environments={catalog.environments.map((e) => ({ name: e.name, project: e.project }))}
        mode={approval ? 'request' : 'commit'}
        permission={decision}
        change={change}
      />
    </>
  );
}
