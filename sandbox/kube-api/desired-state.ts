// What the sandbox deployer is asked to run: one entry per app and cluster, already derived from
// the app's merged Helm values by whoever feeds it (the config-repo watcher, a test, the demo).
import { z } from 'zod';

const intOrPercent = z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]);

const quantities = z.object({ cpu: z.string().optional(), memory: z.string().optional() }).strict();

export const desiredDeploymentSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
    replicas: z.number().int().min(0),
    image: z.string().min(1),
    command: z.array(z.string()).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    env: z.record(z.string(), z.string()),
    secretEnvNames: z.array(z.string()),
    resources: z.object({ requests: quantities.optional(), limits: quantities.optional() }).strict().optional(),
    readinessPath: z.string().optional(),
    maxSurge: intOrPercent,
    maxUnavailable: intOrPercent,
  })
  .strict();

export const desiredAppSchema = z
  .object({
    app: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
    /** The config repository commit these values come from (berth.dev/config-revision). */
    revision: z.string(),
    /** `helm.sh/chart` label value, e.g. `meridian-service-1.4.0`. */
    chart: z.string().optional(),
    deployments: z.array(desiredDeploymentSchema),
    pdb: z
      .object({ minAvailable: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
      .strict()
      .optional(),
  })
  .strict();

export type DesiredDeployment = z.infer<typeof desiredDeploymentSchema>;
export type DesiredApp = z.infer<typeof desiredAppSchema>;

export const desiredStateSchema = z.array(desiredAppSchema);

export const DEFAULT_CHART = 'meridian-service-1.0.0';
