// The shapes of the catalog files in the config repository (teams.yaml, environments.yaml,
// apps/<app>/app.yaml), parsed with zod so a mistake names the file and the field.
import { z } from 'zod';
import { checkMaskPattern, DEFAULT_MASK_RULES } from '@/lib/logs/mask-phi';
import { appNameSchema, environmentNameSchema } from './app-name';

export const roleSchema = z.enum(['platform', 'engineer', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

export const teamsFileSchema = z.object({
  teams: z
    .array(
      z.object({
        id: appNameSchema,
        name: z.string().min(1),
        description: z.string().default(''),
        chat: z.string().optional(),
        members: z
          .array(
            z.object({
              name: z.string().min(1),
              email: z.email().transform((e) => e.toLowerCase()),
              role: roleSchema,
            }),
          )
          .default([]),
      }),
    )
    .min(1),
});

export const environmentsFileSchema = z.object({
  environments: z
    .array(
      z.object({
        name: environmentNameSchema,
        project: z.string().min(1),
        cluster: z.string().min(1),
        region: z.string().min(1),
        /** The kubectl context name our guides and generated commands use; defaults to the environment's name. */
        kubeContext: z.string().regex(/^[A-Za-z0-9][-A-Za-z0-9_.]*$/, 'a kube context name (letters, digits, - _ .)').optional(),
        /** The Aptible environment handle(s) this environment replaced, so `--environment meridian-stage` maps here. */
        aptible: z.array(z.string().min(1)).default([]),
        requiresApproval: z.boolean().default(false),
        // Unless an environment says its logs are synthetic, they are treated as holding PHI.
        logsHoldPhi: z.boolean().default(true),
      }),
    )
    .min(1),
});

export const appFileSchema = z.object({
  name: appNameSchema,
  team: z.string().min(1),
  description: z.string().default(''),
  namespace: appNameSchema,
  tier: z.enum(['patient-facing', 'provider-facing', 'internal']).default('internal'),
  environments: z.array(environmentNameSchema).min(1),
  links: z.record(z.string(), z.url()).default({}),
  aptible: z.object({ app: z.string(), environment: z.string() }).optional(),
  /** The app's Cloud SQL for PostgreSQL instance; the same instance name in each environment's project. */
  database: z
    .object({
      instance: z.string().regex(/^[a-z][-a-z0-9]{0,96}$/, 'a Cloud SQL instance ID (lowercase letters, digits and dashes)'),
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/, 'a PostgreSQL database name'),
      /** The Aptible database handle it replaced (`aptible db:tunnel HANDLE`). */
      aptible: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
  /** What else to mask in the app's production logs (lib/logs/mask-phi.ts has the defaults). */
  logMasking: z
    .object({
      pathSegments: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a URL path word (letters, digits, _ and -)')).max(20).optional(),
      patterns: z
        .array(
          z.object({
            name: z.string().regex(/^[a-z][a-z0-9 -]{0,39}$/, 'a short lowercase label, shown as [label] in place of the value'),
            regex: z
              .string()
              .min(1)
              .max(200)
              .superRefine((regex, ctx) => {
                const problem = checkMaskPattern(regex);
                if (problem) ctx.addIssue({ code: 'custom', message: `the pattern ${problem}` });
              }),
          }),
        )
        .max(20)
        .optional(),
      keep: z.array(z.enum(DEFAULT_MASK_RULES)).optional(),
    })
    .strict()
    .optional(),
});
