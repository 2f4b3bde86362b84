// "Is my change live?": the config revisions running in a cluster against the repository's history.
import { shortRevision } from '@/lib/gitops/short-revision';
import { plural } from '@/lib/text/plural';
import type { ChangeLiveness, ConfigCommit, DeploymentStatus } from './app-status';

/** The newest values do not validate, so CI/CD will not deploy them (find-undeployable-values.ts). */
export interface UndeployableValues {
  /** The first error, where it is: "apps/x/values-stage.yaml:4: …". */
  problem: string;
  /** How many errors in all. */
  problems: number;
  file?: string;
  line?: number;
}

/** What the config repository says about the revisions running (see get-change-facts.ts). */
export interface RevisionFacts {
  /** The newest commit that changed this app's values for this environment. */
  latest: ConfigCommit;
  /** Per running config revision: commits since it that changed the values (0: same values as
   * the latest), or null when the revision is not in the repository's history. */
  behind: Record<string, number | null>;
  /** Set when the values at the head fail validation: the pipeline skips them. */
  undeployable?: UndeployableValues;
}

export function changeLiveness(deployments: DeploymentStatus[], revisions: RevisionFacts | undefined, environment: string): ChangeLiveness {
  const running = [...new Set(deployments.map((d) => d.configRevision).filter((r): r is string => !!r))];
  if (deployments.length === 0) return { state: 'not-deployed', message: `Nothing runs in ${environment} yet.`, running };
  if (!revisions) return { state: 'unknown', message: '', running };
  const { latest } = revisions;
  const base = { latest, running };
  const unlabeled = deployments.filter((d) => !d.configRevision);
  if (unlabeled.length) {
    return { ...base, state: 'unknown', message: `${unlabeled.map((d) => d.component).join(', ')} carries no config revision: it was not deployed by the CI/CD pipeline.` };
  }
  const unknown = running.filter((r) => revisions.behind[r] === null || revisions.behind[r] === undefined);
  if (unknown.length) {
    return { ...base, state: 'unknown', message: `${environment} runs ${unknown.map((r) => shortRevision(r)).join(', ')}, which is not in the config repository’s history.` };
  }
  const behindBy = Math.max(...running.map((r) => revisions.behind[r] ?? 0));
  const latestWords = `${shortRevision(latest.revision)} “${latest.subject}” by ${latest.author}`;
  if (behindBy > 0) {
    const oldest = running.find((r) => revisions.behind[r] === behindBy)!;
    if (revisions.undeployable) {
      const { problem, problems, file, line } = revisions.undeployable;
      return {
        ...base,
        state: 'not-deploying',
        behindBy,
        undeployable: { problem, ...(file ? { file } : {}), ...(line ? { line } : {}) },
        message: `Will not deploy: the newest values (${latestWords}) fail validation — ${problem}${problems > 1 ? ` (and ${plural(problems - 1, 'more error')})` : ''}. CI/CD skips them, so ${environment} keeps running ${shortRevision(oldest)}. Fix the values to deploy again.`,
      };
    }
    return {
      ...base,
      state: 'behind',
      behindBy,
      message: `Behind by ${plural(behindBy, 'commit')}: ${environment} runs ${shortRevision(oldest)}; the newest change is ${latestWords}. CI/CD deploys it within minutes — if it stays behind, the deploy failed.`,
    };
  }
  const rolling = deployments.filter((d) => d.rollout.state === 'progressing' || d.rollout.state === 'stuck');
  if (rolling.length) {
    const stuck = rolling.some((d) => d.rollout.state === 'stuck');
    const updated = rolling.reduce((n, d) => n + Math.min(d.updated, d.desired), 0);
    const desired = rolling.reduce((n, d) => n + d.desired, 0);
    return {
      ...base,
      state: 'rolling-out',
      message: `${stuck ? 'Deployed, but the rollout is stuck' : 'Rolling out'}: ${latestWords}; ${updated} of ${plural(desired, 'pod')} updated${stuck ? ', and the new pods do not become ready' : ''}.`,
    };
  }
  return { ...base, state: 'live', message: `Live: ${latestWords} runs in every pod.` };
}
