// Is the app ready for its cutover? Computed from what Berth can see — the values, the parity
// record, the status history, stage's logs, migration.yaml — never ticked by hand. Each check
// says pass or fail, what was found, the fix, and the guide that teaches it. Pure and isomorphic:
// load-readiness.ts gathers the facts.
import { slugifyHeading } from '@/lib/guides/heading-id';
import type { ParityReport } from './compute-parity';
import { findInlineSecrets } from './find-inline-secrets';
import type { MigrationFile } from './migration-file';

export type ReadinessCheckId = 'values-valid' | 'probes' | 'config-keys' | 'services-endpoints' | 'inline-secrets' | 'disruption-budget' | 'stage-healthy' | 'logs-structured' | 'validated-in-stage';

export interface ReadinessCheck {
  id: ReadinessCheckId;
  title: string;
  status: 'pass' | 'fail';
  /** What Berth found, in plain words (never a value of a variable). */
  found: string;
  /** What to do when it fails. */
  fix?: string;
  guide: { href: string; title: string };
  /** Where the fix is made in Berth. */
  where?: { href: string; label: string };
}

export interface EnvironmentValuesFacts {
  environment: string;
  ok: boolean;
  errors: number;
  firstError?: { file: string; line: number; message: string };
  /** Merged values; null when they do not parse. */
  merged: unknown;
}

export interface StageHistoryFacts {
  windowMs: number;
  coveredMs: number;
  unhealthy: { from: string; to: string; verdict: string }[];
  firstSampleAt?: string;
}

export type StageLogFacts = { lines: number; plainStderr: number; certain: boolean; sinceMinutes: number } | { error: string };

export interface ReadinessFacts {
  app: { name: string; team: string; environments: readonly string[] };
  /** migration.yaml as parsed; null when absent or invalid. */
  migration: MigrationFile | null;
  values: EnvironmentValuesFacts[];
  /** Parity from the recorded Aptible names; null when nothing was recorded. */
  parity: ParityReport | null;
  /** null: the app does not run in stage. */
  stageHistory: StageHistoryFacts | null;
  stageLogs: StageLogFacts | null;
}

export interface Readiness {
  checks: ReadinessCheck[];
  passing: number;
  total: number;
  ready: boolean;
}

/** Structured enough when at most this share of the lines are plain stderr. */
export const MAX_PLAIN_STDERR_SHARE = 0.1;
/** Stage history must vouch for this share of the day (a missed sample or two is not a gap). */
export const MIN_HISTORY_COVERAGE = 0.95;

function guide(slug: string, title: string, heading?: string): ReadinessCheck['guide'] {
  return { href: `/guides/${slug}${heading ? `#${slugifyHeading(heading)}` : ''}`, title };
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.round(ms / 60_000)} min`;
  return `${h < 10 ? h.toFixed(1).replace(/\.0$/, '') : Math.round(h)} h`;
}

function list(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

type Deployment = { port?: unknown; replicas?: unknown; probes?: { readiness?: unknown; liveness?: unknown } | null };
type Values = {
  deployments?: Record<string, Deployment | null> | null;
  podDisruptionBudget?: { enabled?: unknown; minAvailable?: unknown; maxUnavailable?: unknown } | null;
  autoscaling?: { enabled?: unknown; minReplicas?: unknown } | null;
};

function replicasOf(values: Values, d: Deployment): number {
  if (values.autoscaling?.enabled === true && typeof d.port === 'number') return Number(values.autoscaling.minReplicas ?? 2);
  return typeof d.replicas === 'number' ? d.replicas : 1;
}

/** How many pods a budget value stands for with `replicas` pods ("50%" rounds as Kubernetes does). */
function pods(value: unknown, replicas: number, roundUp: boolean): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+%$/.test(value)) {
    const exact = (replicas * Number(value.slice(0, -1))) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return null;
}

export function computeReadiness(facts: ReadinessFacts): Readiness {
  const app = facts.app.name;
  const editor = (env: string) => ({ href: `/apps/${app}/values/${env}`, label: `${env} values` });
  const parityPage = { href: `/apps/${app}/migration#parity`, label: 'parity with Aptible' };
  const checks: ReadinessCheck[] = [];
  const parsedEnvs = facts.values.filter((v) => v.merged !== null);

  // 1. Values valid everywhere the app runs.
  {
    const bad = facts.values.filter((v) => !v.ok);
    const first = bad[0]?.firstError;
    checks.push({
      id: 'values-valid',
      title: `Values valid in ${list(facts.values.map((v) => v.environment))}`,
      status: bad.length === 0 && facts.values.length > 0 ? 'pass' : 'fail',
      found:
        facts.values.length === 0
          ? 'The app runs in no environment.'
          : bad.length === 0
            ? 'The merged values pass the chart’s schema in every environment.'
            : `${list(bad.map((v) => `${v.environment}: ${v.errors} problem${v.errors === 1 ? '' : 's'}`))}${first ? ` — first at ${first.file} line ${first.line}: ${first.message}` : ''}.`,
      fix: 'Open the values editor: each problem is shown at its line, with what the chart expects.',
      guide: guide('apps-and-services', 'Apps and services'),
      ...(bad[0] ? { where: editor(bad[0].environment) } : {}),
    });
  }

  // 2. Readiness and liveness probes on every deployment that serves HTTP.
  {
    const missing: string[] = [];
    let serving = 0;
    for (const env of parsedEnvs) {
      for (const [name, d] of Object.entries((env.merged as Values).deployments ?? {})) {
        if (!d || typeof d.port !== 'number') continue;
        serving++;
        const lacks = [!d.probes?.readiness && 'readiness', !d.probes?.liveness && 'liveness'].filter(Boolean);
        if (lacks.length) missing.push(`${name} in ${env.environment} (no ${lacks.join(' or ')} probe)`);
      }
    }
    checks.push({
      id: 'probes',
      title: 'Readiness and liveness probes set',
      status: missing.length === 0 && parsedEnvs.length > 0 ? 'pass' : 'fail',
      found:
        missing.length > 0
          ? `Missing: ${list(missing)}.`
          : serving === 0
            ? 'No deployment serves HTTP (workers only): nothing for the kubelet to probe.'
            : 'Every deployment with a port has both probes.',
      fix: 'Set deployments.<name>.probes.readiness.path and .liveness.path (e.g. /healthz) for each deployment with a port.',
      guide: guide('health-checks', 'Health checks', 'Probes: three questions'),
      where: editor(missing[0]?.includes(' in stage') ? 'stage' : (parsedEnvs[0]?.environment ?? 'stage')),
    });
  }

  // 3. Every Aptible config key accounted for.
  {
    const p = facts.parity;
    const missing = p?.keys.filter((k) => k.status === 'missing') ?? [];
    const missingWhere = missing.map((k) => `${k.key} (${Object.entries(k.byEnvironment).filter(([, place]) => place.status === 'missing').map(([env]) => env).join(', ')})`);
    checks.push({
      id: 'config-keys',
      title: 'Every Aptible config key accounted for',
      status: p !== null && p.keys.length > 0 && missing.length === 0 ? 'pass' : 'fail',
      found:
        p === null || p.keys.length === 0
          ? 'No config keys are recorded from Aptible yet.'
          : missing.length > 0
            ? `${missing.length} of ${p.keys.length} not in env, secretEnv or dropped on purpose: ${list(missingWhere)}.`
            : `All ${p.keys.length}: ${p.summary.keys.env} in env, ${p.summary.keys['secret-env']} from Secret Manager, ${p.summary.keys.dropped} dropped with a reason.`,
      fix:
        p === null || p.keys.length === 0
          ? 'Paste the output of aptible config --app … on the parity section: Berth keeps the names only.'
          : 'Add each key to env or secretEnv in the values, or record why it stays behind.',
      guide: guide('config-vars', 'Config variables'),
      where: parityPage,
    });
  }

  // 4. Services and endpoints have their counterpart.
  {
    const p = facts.parity;
    const services = p?.services.filter((s) => Object.values(s.byEnvironment).some((c) => 'missing' in c)).map((s) => s.service) ?? [];
    const endpoints = p?.endpoints.filter((e) => Object.values(e.byEnvironment).includes('missing')).map((e) => e.hostname) ?? [];
    const recorded = p !== null && p.services.length > 0;
    checks.push({
      id: 'services-endpoints',
      title: 'Each Aptible service and endpoint has its GKE counterpart',
      status: recorded && services.length === 0 && endpoints.length === 0 ? 'pass' : 'fail',
      found: !recorded
        ? 'No services are recorded from Aptible yet.'
        : services.length + endpoints.length === 0
          ? `${p!.services.length} service${p!.services.length === 1 ? '' : 's'} with a deployment, ${p!.endpoints.length} endpoint${p!.endpoints.length === 1 ? '' : 's'} routed.`
          : [services.length ? `no deployment for ${list(services)}` : '', endpoints.length ? `no virtualService host for ${list(endpoints)}` : ''].filter(Boolean).join('; ') + '.',
      fix: !recorded ? 'Paste aptible services and aptible endpoints:list on the parity section.' : 'Add the deployment, or the host under virtualService.hosts, in the values.',
      guide: guide('endpoints', 'Endpoints'),
      where: parityPage,
    });
  }

  // 5. No inline secrets.
  {
    const found = parsedEnvs.flatMap((env) => findInlineSecrets(env.merged).map((s) => ({ ...s, environment: env.environment })));
    const described = [...new Set(found.map((s) => `${s.key} (${s.kind}, ${s.where} in ${s.environment})`))];
    checks.push({
      id: 'inline-secrets',
      title: 'No secrets written into env',
      status: found.length === 0 && parsedEnvs.length > 0 ? 'pass' : 'fail',
      found: found.length === 0 ? 'No value in env looks like a password, token, private key or URL with credentials.' : `Looks like a secret: ${list(described)}.`,
      fix: 'Put the value in Secret Manager and reference it from secretEnv (secretEnv.KEY.secret: <secret name>); remove it from env. Rotate it: it is in git’s history.',
      guide: guide('config-vars', 'Config variables', 'Secrets: secretEnv and Secret Manager'),
      ...(found[0] ? { where: editor(found[0].environment) } : {}),
    });
  }

  // 6. The disruption budget fits the replicas.
  {
    const problems: string[] = [];
    for (const env of parsedEnvs) {
      const values = env.merged as Values;
      const budget = values.podDisruptionBudget;
      const enabled = budget?.enabled === true;
      for (const [name, d] of Object.entries(values.deployments ?? {})) {
        if (!d) continue;
        const replicas = replicasOf(values, d);
        const serving = typeof d.port === 'number';
        const where = `${name} in ${env.environment} (${replicas} replica${replicas === 1 ? '' : 's'})`;
        if (!enabled) {
          if (replicas >= 2 && serving) problems.push(`${where}: no budget, so a node upgrade may stop every pod at once`);
          else if (serving && env.environment === 'production') problems.push(`${where}: one pod serving production, so each node upgrade is an outage`);
          continue;
        }
        const minAvailable = pods(budget?.minAvailable, replicas, true);
        const maxUnavailable = pods(budget?.maxUnavailable, replicas, false);
        if (minAvailable !== null && minAvailable >= replicas) problems.push(`${where}: minAvailable ${String(budget?.minAvailable)} leaves no pod to move, so node upgrades stall`);
        // A worker's single pod may go and come back; what serves requests must keep one up.
        else if (!serving) continue;
        else if (minAvailable === null && maxUnavailable !== null && maxUnavailable >= replicas) problems.push(`${where}: maxUnavailable ${String(budget?.maxUnavailable)} lets every pod go at once`);
        else if (minAvailable === null && maxUnavailable === 0) problems.push(`${where}: maxUnavailable 0 lets no pod move, so node upgrades stall`);
      }
    }
    checks.push({
      id: 'disruption-budget',
      title: 'Disruption budget fits the replicas',
      status: problems.length === 0 && parsedEnvs.length > 0 ? 'pass' : 'fail',
      found: problems.length === 0 ? 'Node upgrades can move pods one at a time and keep the app up.' : `${list(problems, 3)}.`,
      fix: 'Run at least 2 replicas of what serves production and turn on podDisruptionBudget with maxUnavailable: 1 (or a minAvailable below the replicas).',
      guide: guide('health-checks', 'Health checks', 'Disruption budgets'),
      where: editor('production'),
    });
  }

  // 7. Stage healthy over the last day, from the history Berth keeps.
  {
    const h = facts.stageHistory;
    const guideLink = guide('debugging-a-broken-deploy', 'Debugging a broken deploy');
    if (h === null) {
      checks.push({ id: 'stage-healthy', title: 'Stage healthy over the last day', status: 'fail', found: `${app} does not run in stage.`, fix: 'Add stage to the app’s environments and deploy it there first.', guide: guideLink });
    } else {
      const covered = h.coveredMs / h.windowMs;
      const outage = h.unhealthy[0];
      const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
      const found =
        h.unhealthy.length > 0
          ? `Stage was ${outage.verdict} from ${time(outage.from)} to ${time(outage.to)}${h.unhealthy.length > 1 ? ` and ${h.unhealthy.length - 1} more time${h.unhealthy.length > 2 ? 's' : ''}` : ''}.`
          : covered < MIN_HISTORY_COVERAGE
            ? h.coveredMs === 0
              ? 'Berth has no status history for stage in the last day yet: it records one every 5 minutes while it runs.'
              : `Healthy whenever Berth looked, but its history covers only ${hours(h.coveredMs)} of the last 24 h${h.firstSampleAt ? ` (since ${time(h.firstSampleAt)})` : ''}: the check passes once it covers the day.`
            : `Healthy in every sample of the last 24 h (${hours(h.coveredMs)} covered).`;
      checks.push({
        id: 'stage-healthy',
        title: 'Stage healthy over the last day',
        status: h.unhealthy.length === 0 && covered >= MIN_HISTORY_COVERAGE ? 'pass' : 'fail',
        found,
        fix: h.unhealthy.length > 0 ? 'Find out why on the app’s timeline (restarts, failed rollouts, warnings), fix it, and let stage run a day.' : 'Nothing to fix: let stage run while Berth records its status.',
        guide: guideLink,
        where: { href: `/apps/${app}/timeline`, label: 'timeline' },
      });
    }
  }

  // 8. Logs mostly structured.
  {
    const l = facts.stageLogs;
    const guideLink = guide('logs', 'Logs', 'Why everything is an ERROR');
    let status: ReadinessCheck['status'] = 'fail';
    let found: string;
    if (l === null) found = `${app} does not run in stage, so Berth has no logs to look at.`;
    else if ('error' in l) found = `Berth could not read stage’s logs: ${l.error}`;
    else if (l.lines === 0) found = `No log lines in stage in the last ${l.sinceMinutes} min: Berth cannot tell yet.`;
    else {
      const share = l.plainStderr / l.lines;
      status = share <= MAX_PLAIN_STDERR_SHARE ? 'pass' : 'fail';
      found = `${l.plainStderr} of the last ${l.lines} lines in stage (${pct(share)}) are plain ${l.certain ? 'stderr' : 'error'} text${l.certain ? '' : ' (pod logs do not say the stream; lines that read as errors are counted)'}; at most ${pct(MAX_PLAIN_STDERR_SHARE)} passes.`;
    }
    checks.push({
      id: 'logs-structured',
      title: 'Logs mostly structured',
      status,
      found,
      fix: 'Log JSON lines with a severity field (pino, structlog, logback’s JSON encoder): Cloud Logging files every plain stderr line as ERROR.',
      guide: guideLink,
      where: { href: `/apps/${app}/logs?env=stage`, label: 'stage logs' },
    });
  }

  // 9. The owning team validated it in stage.
  {
    const v = facts.migration?.validatedInStage;
    checks.push({
      id: 'validated-in-stage',
      title: `Validated in stage by the ${facts.app.team} team`,
      status: v ? 'pass' : 'fail',
      found: v ? `${v.by} on ${v.at}${v.note ? `: “${v.note}”` : ''}.` : 'Nobody of the owning team has said so yet.',
      fix: 'When the team has tried the app in GKE stage, one of you presses “Validated in stage”: Berth records who and when.',
      guide: guide('cutover', 'Cutover', 'Before the first step'),
      where: { href: `/apps/${app}/migration#state`, label: 'migration state' },
    });
  }

  const passing = checks.filter((c) => c.status === 'pass').length;
  return { checks, passing, total: checks.length, ready: passing === checks.length };
}
