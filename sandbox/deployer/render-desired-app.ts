// What the shared chart renders from an app's merged values, as the sandbox cluster's desired
// state: one Deployment per `deployments:` entry (image, replicas, command, port, env, secret env
// names, resources, readiness path, rollout), and the app's PodDisruptionBudget.
import { z } from 'zod';
import type { DesiredApp, DesiredDeployment } from '@/sandbox/kube-api/desired-state';

const intOrPercent = z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]);
const quantities = z.object({ cpu: z.string().optional(), memory: z.string().optional() });

// Only the keys the chart's Deployment template reads; the schema has already validated them.
const renderedValues = z.object({
  image: z.object({ repository: z.string(), tag: z.union([z.string(), z.number()]) }),
  deployments: z.record(
    z.string(),
    z.object({
      command: z.array(z.string()).optional(),
      args: z.array(z.string()).optional(),
      replicas: z.number().int().min(0).optional(),
      port: z.number().int().optional(),
      resources: z.object({ requests: quantities.optional(), limits: quantities.optional() }).optional(),
      probes: z.object({ readiness: z.object({ path: z.string() }).optional() }).optional(),
      env: z.record(z.string(), z.string()).optional(),
    }),
  ),
  env: z.record(z.string(), z.string()).nullish(),
  secretEnv: z.record(z.string(), z.unknown()).nullish(),
  rollout: z.object({ maxSurge: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() }).nullish(),
  autoscaling: z.object({ enabled: z.boolean().optional(), minReplicas: z.number().int().optional() }).nullish(),
  podDisruptionBudget: z
    .object({ enabled: z.boolean().optional(), minAvailable: intOrPercent.nullish(), maxUnavailable: intOrPercent.nullish() })
    .nullish(),
});

/** The chart's resources when a deployment sets none. */
export const DEFAULT_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } } as const;

export interface RenderDesiredAppInput {
  app: string;
  namespace: string;
  /** berth.dev/config-revision: the commit these values come from. */
  revision: string;
  /** name-version of chart/Chart.yaml (the helm.sh/chart label). */
  chart?: string;
  /** The merged, validated values. */
  values: unknown;
}

export function renderDesiredApp(input: RenderDesiredAppInput): DesiredApp {
  const values = renderedValues.parse(input.values);
  const image = `${values.image.repository}:${String(values.image.tag)}`;
  const appEnv = values.env ?? {};
  const secretEnvNames = Object.keys(values.secretEnv ?? {});
  const autoscaled = values.autoscaling?.enabled === true;
  const deployments: DesiredDeployment[] = Object.entries(values.deployments)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, d]) => {
      // The HorizontalPodAutoscaler owns the count of deployments with a port; it starts at minReplicas.
      const replicas = autoscaled && d.port ? (values.autoscaling?.minReplicas ?? 2) : (d.replicas ?? 1);
      const command = d.command?.length ? [...d.command, ...(d.args ?? [])] : undefined;
      const rendered: DesiredDeployment = {
        name,
        replicas,
        image,
        env: { ...appEnv, ...(d.env ?? {}) },
        secretEnvNames,
        resources: d.resources ? structuredClone(d.resources) : structuredClone(DEFAULT_RESOURCES),
        maxSurge: values.rollout?.maxSurge ?? '25%',
        maxUnavailable: values.rollout?.maxUnavailable ?? 0,
      };
      if (command) rendered.command = command;
      if (d.port) rendered.port = d.port;
      if (d.port && d.probes?.readiness?.path) rendered.readinessPath = d.probes.readiness.path;
      return rendered;
    });
  const desired: DesiredApp = { app: input.app, namespace: input.namespace, revision: input.revision, deployments };
  if (input.chart) desired.chart = input.chart;
  const pdb = values.podDisruptionBudget;
  if (pdb?.enabled) {
    if (pdb.minAvailable !== undefined && pdb.minAvailable !== null) desired.pdb = { minAvailable: pdb.minAvailable };
    else if (pdb.maxUnavailable !== undefined && pdb.maxUnavailable !== null) desired.pdb = { maxUnavailable: pdb.maxUnavailable };
  }
  return desired;
}
