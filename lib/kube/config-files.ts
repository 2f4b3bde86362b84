// Which files of the config repository make up one app's deployment in one environment: a commit
// touching any of them is a new deploy (CI/CD stamps it on the pods as berth.dev/config-revision).
// Shared by "is my change live" and the sandbox deployer, so both agree on what a change is.
import type { App, EnvironmentName } from '@/lib/catalog/types';

export const CHART_FILES = ['chart/Chart.yaml', 'chart/values.yaml'] as const;

export function configFilesFor(app: Pick<App, 'files'>, environment: EnvironmentName): string[] {
  const envFile = app.files.byEnvironment[environment];
  return [...CHART_FILES, app.files.shared, ...(envFile ? [envFile] : [])];
}
