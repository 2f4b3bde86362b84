// What the translator needs to know about an app to write commands that work for it: its
// namespace, each environment's cluster and project, its real deployments (never an assumed `web`),
// which of them are autoscaled, its image repository, secrets and Cloud SQL instance.
// Isomorphic: built on the server from the catalog and the merged values, used in the browser.
export type TranslatorEnvironment = {
  name: string;
  /** kubectl --context / helm --kube-context */
  context: string;
  project: string;
  cluster: string;
  region: string;
  /** Aptible environment handles this one replaced (`--environment meridian-stage`). */
  aptible: string[];
  requiresApproval: boolean;
  /** Its logs may carry patient data: Berth limits who reads them (lib/auth/policy.ts, logs.read). */
  logsHoldPhi: boolean;
};

export type AppDeploymentShape = {
  /** The key under `deployments:`; the Deployment is `<app>-<name>`, its container `<name>`. */
  name: string;
  hasPort: boolean;
  /** The chart's HorizontalPodAutoscaler owns its pod count (autoscaling on and a port). */
  autoscaled: boolean;
  replicas: number;
};

export type AppEnvironmentShape = {
  deployments: AppDeploymentShape[];
  image: { repository: string; tag: string } | null;
  /** secretEnv: variable → Secret Manager secret name. */
  secrets: Record<string, string>;
  /** Plain env variable names (app-wide and per deployment). */
  envNames: string[];
  /** Why the shape is empty, when the values could not be read. */
  problem?: string;
};

export type AppShape = {
  name: string;
  namespace: string;
  team: string;
  database: { instance: string; name: string; aptible?: string } | null;
  /** The app's former Aptible handle, when it had one. */
  aptibleApp: string | null;
  environments: Record<string, AppEnvironmentShape>;
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape of one environment from its merged values (chart defaults, values.yaml, values-<env>.yaml). */
export function describeAppEnvironment(merged: unknown): AppEnvironmentShape {
  const values = isMap(merged) ? merged : {};
  const autoscaling = isMap(values.autoscaling) && values.autoscaling.enabled === true;
  const deployments = Object.entries(isMap(values.deployments) ? values.deployments : {})
    .filter((entry): entry is [string, Record<string, unknown>] => isMap(entry[1]))
    .map(([name, d]) => {
      const hasPort = typeof d.port === 'number';
      return { name, hasPort, autoscaled: autoscaling && hasPort, replicas: typeof d.replicas === 'number' ? d.replicas : 1 };
    })
    .sort((a, b) => Number(b.hasPort) - Number(a.hasPort) || a.name.localeCompare(b.name));
  const image =
    isMap(values.image) && typeof values.image.repository === 'string' && typeof values.image.tag === 'string'
      ? { repository: values.image.repository, tag: values.image.tag }
      : null;
  const secrets: Record<string, string> = {};
  for (const [name, ref] of Object.entries(isMap(values.secretEnv) ? values.secretEnv : {})) {
    if (isMap(ref) && typeof ref.secret === 'string') secrets[name] = ref.secret;
  }
  const envNames = new Set(Object.keys(isMap(values.env) ? values.env : {}));
  for (const d of Object.values(isMap(values.deployments) ? values.deployments : {})) {
    if (isMap(d) && isMap(d.env)) for (const name of Object.keys(d.env)) envNames.add(name);
  }
  return { deployments, image, secrets, envNames: [...envNames].sort() };
}
