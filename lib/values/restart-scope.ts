// Which pods a values commit restarts. Isomorphic: the editor's Changes tab and the change request
// both show it.
//
// Any commit to an app's values files for an environment restarts every deployment of the app
// there, whatever it changes: CI/CD (and the sandbox deployer) stamps the commit on each pod
// template as berth.dev/config-revision, and a changed pod template is a rolling restart. So a
// reviewer of "api will run 4 pods instead of 3" must also be told the reminders worker restarts.
import { isValuesMap } from './merge';
import type { ValuesMap } from './types';

export interface RestartedDeployment {
  name: string;
  /** Pods after the change: a count, or the autoscaler's range. */
  pods: number | { min: number; max: number };
}

function asCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The deployments a commit restarts, with their pod counts after it (the chart's rules). */
export function restartedDeployments(merged: ValuesMap): RestartedDeployment[] {
  const deployments = isValuesMap(merged.deployments) ? merged.deployments : {};
  const autoscaling = isValuesMap(merged.autoscaling) ? merged.autoscaling : {};
  const autoscaled = autoscaling.enabled === true;
  return Object.entries(deployments)
    .filter((entry): entry is [string, ValuesMap] => isValuesMap(entry[1]))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, spec]): RestartedDeployment => {
      // The HorizontalPodAutoscaler owns the count of deployments with a port (the chart's rule).
      if (autoscaled && spec.port !== undefined && spec.port !== null) {
        return { name, pods: { min: asCount(autoscaling.minReplicas, 2), max: asCount(autoscaling.maxReplicas, 5) } };
      }
      return { name, pods: asCount(spec.replicas, 1) };
    })
    .filter((d) => typeof d.pods !== 'number' || d.pods > 0);
}

function podCount(pods: RestartedDeployment['pods']): string {
  return typeof pods === 'number' ? String(pods) : `${pods.min}–${pods.max} (autoscaled)`;
}

/** "All scheduler pods in production restart: api 4, reminders 1." */
export function describeRestart(app: string, environment: string, deployments: RestartedDeployment[]): string {
  if (deployments.length === 0) return `No ${app} pods run in ${environment}, so none restart.`;
  return `All ${app} pods in ${environment} restart: ${deployments.map((d) => `${d.name} ${podCount(d.pods)}`).join(', ')}.`;
}

/** Why, in one line, for the people who did not expect a replica change to restart anything. */
export const RESTART_REASON =
  'Every values commit restarts every deployment of the app in the environments it changes, a few pods at a time: CI/CD stamps the commit on each pod template (berth.dev/config-revision).';
