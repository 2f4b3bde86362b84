// What each problem the status page detects means: in plain words, as it looked on Aptible, and
// which guide section teaches it. Isomorphic (plain data and string building).
import { guideForProblem, guideHrefForProblem, type KnownProblem } from '@/lib/guides/guide-for-problem';
import type { GuideLink, StatusProblem } from './app-status';
import { plural } from '@/lib/text/plural';

export type ProblemKind = StatusProblem['kind'];

export interface ProblemFacts {
  app: string;
  environment: string;
  /** The deployment (values key) concerned, when there is one. */
  component?: string;
  pods: string[];
  /** Pods of that deployment that should run. */
  desired?: number;
  /** Pods of that deployment that serve traffic now. */
  available?: number;
  exitCode?: number;
  restarts?: number;
  /** A Kubernetes message worth quoting (waiting message, event text). */
  detail?: string;
  memoryLimit?: string;
  image?: string;
}

/** Most severe first: the headline of an app with several problems is the first one found here. */
export const PROBLEM_PRIORITY: ProblemKind[] = [
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'OOMKilled',
  'CrashLoopBackOff',
  'Unhealthy',
  'Pending',
  'Evicted',
  'ProgressDeadlineExceeded',
  'NotReady',
  'Restarted',
  'Unavailable',
];

const KNOWN = new Set<string>(Object.keys(guideForProblem));

export function guideFor(kind: ProblemKind): GuideLink {
  if (KNOWN.has(kind)) {
    const known = kind as KnownProblem;
    return { href: guideHrefForProblem(known), title: guideForProblem[known].title };
  }
  if (kind === 'Restarted') return { href: guideHrefForProblem('CrashLoopBackOff'), title: guideForProblem.CrashLoopBackOff.title };
  if (kind === 'NotReady') return { href: guideHrefForProblem('Unhealthy'), title: guideForProblem.Unhealthy.title };
  return { href: '/guides/debugging-a-broken-deploy', title: 'Debugging a broken deploy' };
}


function where(f: ProblemFacts): string {
  const podWords = f.pods.length ? ` (${plural(f.pods.length, 'pod')})` : '';
  return f.component ? `The ${f.component} deployment${podWords}` : `${f.app}${podWords}`;
}

function servingNote(f: ProblemFacts): string {
  if (f.desired === undefined || f.available === undefined || !f.component) return '';
  if (f.available === 0) return ` No ${f.component} pod is serving, so this part of ${f.app} is down in ${f.environment}.`;
  if (f.available < f.desired) return ` ${f.available} of ${f.desired} ${f.component} pods still serve.`;
  return '';
}

export function explainProblem(kind: ProblemKind, f: ProblemFacts): StatusProblem {
  const base = { kind, pods: f.pods, guide: guideFor(kind), ...(f.component ? { component: f.component } : {}), ...(f.detail ? { detail: f.detail } : {}) };
  const exit = f.exitCode !== undefined ? ` with exit code ${f.exitCode}` : '';
  switch (kind) {
    case 'CrashLoopBackOff':
      return {
        ...base,
        title: 'Crash-looping (CrashLoopBackOff)',
        reason: `${where(f)} starts and exits${exit} again and again; Kubernetes waits longer before each restart.${servingNote(f)} The logs of the previous container usually say why.`,
        aptible:
          'On Aptible: a release that keeps failing to start — the deploy fails its health check (or the container exits at boot) and Aptible keeps restarting it. Usually a missing configuration variable or a failing start command.',
      };
    case 'OOMKilled':
      return {
        ...base,
        title: 'Out of memory (OOMKilled)',
        reason: `${where(f)} used more memory than its limit${f.memoryLimit ? ` (${f.memoryLimit})` : ''} and was killed${exit}${f.restarts ? `; it has restarted ${plural(f.restarts, 'time')}` : ''}.${servingNote(f)} Raise resources.limits.memory in the values, or find what uses the memory.`,
        aptible:
          'On Aptible: a container exceeding its memory size — Aptible restarted it for going over its container size (fixed with apps:scale --container-size). Here the container size is resources.limits.memory.',
      };
    case 'ImagePullBackOff':
      return {
        ...base,
        title: 'Image cannot be pulled (ImagePullBackOff)',
        reason: `${where(f)} cannot start: the node could not download the image${f.image ? ` ${f.image}` : ''}, and retries with growing pauses.${servingNote(f)} Check image.repository and image.tag in the values (the tag must exist in Artifact Registry).`,
        aptible: 'On Aptible: a deploy whose Docker image could not be pulled (a wrong tag, or the registry refused access) — the deploy failed before any container started.',
      };
    case 'CreateContainerConfigError':
      return {
        ...base,
        title: 'Configuration missing (CreateContainerConfigError)',
        reason: `${where(f)} cannot be created: something its configuration refers to does not exist — usually a secret named in secretEnv.${servingNote(f)}`,
        aptible: 'On Aptible: a deploy referring to configuration that does not exist. Here secrets come from Secret Manager: check the secret name and that it exists in this environment’s project.',
      };
    case 'Unhealthy':
      return {
        ...base,
        title: 'Running, but never ready (readiness check failing)',
        reason: `${where(f)} runs but fails its readiness check, so it gets no traffic.${servingNote(f)} Check probes.readiness.path and port, and that the path answers 2xx without a redirect.`,
        aptible: 'On Aptible: a release whose health check never passed, so the endpoint kept sending traffic to the old containers.',
      };
    case 'NotReady':
      return {
        ...base,
        title: 'Not ready',
        reason: `${where(f)} runs but is not ready for traffic yet.${servingNote(f)}`,
        aptible: 'On Aptible: containers still waiting for their health check to pass.',
      };
    case 'Pending':
      return {
        ...base,
        title: 'Waiting for room in the cluster (Pending)',
        reason: `${where(f)} cannot be placed on any node: the cluster has no room for the requested CPU or memory.${servingNote(f)} Lower resources.requests, or ask #platform-help about capacity.`,
        aptible: 'On Aptible: a stack without enough capacity for the requested container size.',
      };
    case 'Evicted':
      return {
        ...base,
        title: 'Evicted',
        reason: `${where(f)} was removed from its node (usually the node ran short of memory or disk); its deployment starts replacements.`,
        aptible: 'On Aptible: a container moved to another host by the platform.',
      };
    case 'ProgressDeadlineExceeded':
      return {
        ...base,
        title: 'Deploy stuck (ProgressDeadlineExceeded)',
        reason: `${where(f)} has not made progress for longer than its progress deadline: the new pods do not become ready.${servingNote(f)} The old pods keep serving if there were any.`,
        aptible: 'On Aptible: a deploy that timed out waiting for the new release to become healthy.',
      };
    case 'Restarted':
      return {
        ...base,
        title: 'Restarted recently',
        reason: `${where(f)} crashed${exit} and was restarted${f.restarts ? ` (${plural(f.restarts, 'restart')} in total)` : ''}; it runs again now. The logs around the restart say why.`,
        aptible: 'On Aptible: a container that crashed and was restarted by the platform — the Activity tab showed the restart.',
      };
    case 'Unavailable':
      return {
        ...base,
        title: 'Fewer pods than asked for',
        reason: `${where(f)} has ${f.available ?? 0} of ${f.desired ?? 0} pods available.`,
        aptible: 'On Aptible: a service running fewer containers than its container count.',
      };
  }
}
