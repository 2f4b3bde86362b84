// The one reader of process.env. Every setting has a default for the embedded mode, so
// `npm start` needs none; a wrong value stops start-up with one line naming it.
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BERTH_DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, 'a postgres://… URL or file:<path> for SQLite')
    .optional(),
  CONFIG_REPO_DIR: z.string().min(1).optional(),
  CONFIG_REPO_REMOTE: z.string().min(1).optional(),
  CONFIG_REPO_BRANCH: z.string().regex(/^[A-Za-z0-9._/-]+$/, 'a branch name').default('main'),
  AUTH_MODE: z.enum(['dev', 'iap']).default('dev'),
  BERTH_ALLOW_DEV_AUTH: booleanFlag.default(false),
  IAP_AUDIENCE: z
    .string()
    .regex(
      /^\/projects\/\d+\/(global\/backendServices\/\d+|apps\/[a-z][-a-z0-9]+)$/,
      '/projects/NUMBER/global/backendServices/ID or /projects/NUMBER/apps/PROJECT_ID',
    )
    .optional(),
  IAP_JWKS_URL: z.url().default('https://www.gstatic.com/iap/verify/public_key-jwk'),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  KUBECONFIG: z.string().min(1).optional(),
  KUBE_IN_CLUSTER: booleanFlag.default(false),
  KUBE_CONTEXT_STAGE: z.string().min(1).default('stage'),
  KUBE_CONTEXT_PRODUCTION: z.string().min(1).default('production'),
  LOG_SOURCE: z.enum(['kubernetes', 'cloud-logging']).default('kubernetes'),
  CLOUD_LOGGING_ENDPOINT: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'host:port of a Cloud Logging gRPC endpoint')
    .optional(),
  // The sandbox's edge Envoy: replaces the admin address every migration.yaml names (unset in production).
  ENVOY_ADMIN_ENDPOINT: z
    .string()
    .regex(/^[^:\s/]+:\d+$/, 'host:port of an Envoy admin interface')
    .optional(),
  BERTH_SANDBOX: booleanFlag.default(false),
  // Sandbox only: simulated seconds per real second (the sandbox's --time-scale), so a cutover
  // window of minutes lasts seconds in a demo or a browser test. Refused outside the sandbox.
  BERTH_TIME_SCALE: z.coerce.number().positive().max(3600).default(1),
  // Production logs and PHI (issue 19).
  BERTH_WORKSPACE_DOMAINS: z
    .string()
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, 'comma-separated domains, e.g. meridiancare.com')
    .transform((v) => v.split(','))
    .optional(),
  BREAK_GLASS_MAX_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  // Audit events are kept this long, then pruned (lib/audit/prune-audit-events.ts). Six years is
  // HIPAA's documentation retention; below a year is refused, so a value meant in years (6) cannot
  // delete the record.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365, 'at least 365 (days, not years): HIPAA asks for six years').default(6 * 366),
  LOG_STREAMS_PER_PERSON: z.coerce.number().int().min(1).max(100).default(5),
  LOG_STREAMS_PER_REPLICA: z.coerce.number().int().min(1).max(10_000).default(200),
});

type RawConfig = z.infer<typeof configSchema>;

export type BerthConfig = RawConfig & {
  dataDir: string;
  databaseUrl: string;
  database: 'sqlite' | 'postgres';
  configRepoDir: string;
  kubeconfigPath: string;
  /** What the header badge says Berth is connected to. */
  connection: 'sandbox' | 'gke';
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parse an environment; throws ConfigError with one line per bad variable. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): BerthConfig {
  // Empty strings mean "unset" (a blank line in a .env file should not fail start-up).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = cleaned[name] === undefined ? 'it is missing' : `got "${cleaned[name]}"`;
      return `Invalid configuration: ${name} must be ${describeExpected(issue)} (${got}).`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const raw = parsed.data;
  const dataDir = path.resolve(cwd, raw.BERTH_DATA_DIR);
  const databaseUrl = raw.DATABASE_URL ?? `file:${path.join(dataDir, 'berth.db')}`;
  const config: BerthConfig = {
    ...raw,
    dataDir,
    databaseUrl,
    database: databaseUrl.startsWith('file:') ? 'sqlite' : 'postgres',
    configRepoDir: path.resolve(cwd, raw.CONFIG_REPO_DIR ?? path.join(raw.BERTH_DATA_DIR, 'config-repo')),
    kubeconfigPath: path.resolve(cwd, raw.KUBECONFIG ?? path.join(raw.BERTH_DATA_DIR, 'kubeconfig')),
    connection: raw.BERTH_SANDBOX ? 'sandbox' : 'gke',
  };
  checkCombinations(config);
  return config;
}

function checkCombinations(config: BerthConfig): void {
  if (config.AUTH_MODE === 'iap' && !config.IAP_AUDIENCE) {
    throw new ConfigError(
      'Invalid configuration: IAP_AUDIENCE must be set when AUTH_MODE=iap (/projects/NUMBER/global/backendServices/ID).',
    );
  }
  if (config.AUTH_MODE === 'dev' && config.NODE_ENV === 'production' && !config.BERTH_ALLOW_DEV_AUTH) {
    throw new ConfigError(
      'Invalid configuration: AUTH_MODE=dev is refused when NODE_ENV=production; use AUTH_MODE=iap, or set BERTH_ALLOW_DEV_AUTH=1 for the sandbox demo.',
    );
  }
  if (config.NODE_ENV === 'production' && config.AUTH_MODE === 'iap' && !config.AUTH_SECRET) {
    throw new ConfigError('Invalid configuration: AUTH_SECRET must be set in production (at least 32 characters).');
  }
  if (config.BERTH_TIME_SCALE !== 1 && !config.BERTH_SANDBOX) {
    throw new ConfigError('Invalid configuration: BERTH_TIME_SCALE is for the sandbox only (BERTH_SANDBOX=1): production cutover windows run in real time.');
  }
  if (config.LOG_SOURCE === 'cloud-logging' && config.BERTH_SANDBOX && !config.CLOUD_LOGGING_ENDPOINT) {
    throw new ConfigError(
      'Invalid configuration: CLOUD_LOGGING_ENDPOINT must be set when LOG_SOURCE=cloud-logging runs against the sandbox.',
    );
  }
}

function describeExpected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `one of ${(issue.values as unknown[]).map((v) => String(v)).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') return `at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'a number';
  return issue.message.replace(/^Invalid input: /, '').replace(/^Too small: expected string to have >=(\d+) characters$/, 'at least $1 characters');
}

let cached: BerthConfig | undefined;

export function getConfig(): BerthConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
