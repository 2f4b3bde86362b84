import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ValuesEditorLoader } from '@/components/values-editor/values-editor-loader';
import { PageHeader } from '@/components/ui/page-header';
import { openValuesEditor } from '@/lib/values-files/open-values-editor';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { requireUser } from '@/lib/auth/get-current-user';
import { environmentNameSchema, isAppName } from '@/lib/catalog/app-name';

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
  const search = searchSchema.safeParse(await searchParams);
  const fileName = (search.success && search.data.file) || (`values-${environment.data}.yaml` as const);
  const view = await openValuesEditor(user, { app: appName, environment: environment.data, file: fileName, change: search.success ? search.data.change : undefined });
  if (!view) notFound();
  const { app, target, approval, permission, context, environments, change, otherEnvironments } = view;

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
        environments={environments.map((e) => ({ name: e.name, project: e.project }))}
        mode={approval ? 'request' : 'commit'}
        permission={permission}
        change={change}
        otherEnvironments={otherEnvironments}
      />
    </>
  );
}
