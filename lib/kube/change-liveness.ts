// "Is my change live?": the config revisions running in a cluster against the repository's history.
import { shortRevision } from '@/lib/gitops/short-revision';
import { plural } from '@/lib/text/plural';
import type { ChangeLiveness, ConfigCommit, DeploymentStatus } from './app-status';

/** What the config repository says about the revisions running (see get-change-facts.ts). */
export interface RevisionFacts {
  /** The newest commit that changed this app's values for this environment. */
  latest: ConfigCommit;
  /** Per running config revision: commits since it that changed the values (0: same values as
   * the latest), or null when the revision is not in the repository's history. */
  behind: Record<string, number | null>;
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
