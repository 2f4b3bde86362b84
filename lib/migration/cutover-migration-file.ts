import 'server-only';
// The ladder keeps apps/<app>/migration.yaml true as it moves traffic: a step that starts puts the
// app in state cutover with GKE's share, its end puts the share back to 0, and the 100 % step moves
// it to gke-100 — committed through writeMigration (the one way the file changes) under the name of
// the person who caused it (the approver, the one who rolled back) or Berth's own for what Berth
// did by itself. Envoy is the truth for traffic: a commit that fails never undoes a change in
// Envoy; it is logged and recorded in the step log, and the next step's commit writes the file again.
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { BerthUser } from '@/lib/auth/user';
import { headRevision } from '@/lib/gitops/read-repo';
import { logger } from '@/lib/logger/logger';
import { addStepEvent, BERTH_ACTOR, type CutoverStep } from './cutover-step';
import type { RunnerContext } from './cutover-runner';
import { isAtLeast } from './migration-file';
import { writeMigration } from './write-migration';

const BERTH_USER: BerthUser = { ...BERTH_ACTOR, role: 'platform', team: 'platform' };

/** Writes GKE's share (0–100) into the app's migration.yaml; true when the file says it afterwards. */
export async function recordShareInMigration(ctx: Pick<RunnerContext, 'db' | 'repo'>, step: CutoverStep, share: number, by: { email: string; name: string } | null): Promise<boolean> {
  const app = (await loadCatalog(ctx.repo)).apps.find((a) => a.name === step.app);
  if (!app) return false;
  const author: BerthUser = by ? { ...by, role: 'engineer', team: app.team } : BERTH_USER;
  const message =
    share === 100
      ? `${app.name}: 100 % on GKE (cutover step #${step.id})`
      : share === 0
        ? `${app.name}: GKE's share back to 0 after cutover step #${step.id}`
        : `${app.name}: GKE at ${share} % for ${step.windowMinutes} min (cutover step #${step.id})`;
  // A commit that lands between reading the head and writing is a conflict: read the head again.
  for (let attempt = 1; attempt <= 3; attempt++) {
    let skipped = false;
    const result = await writeMigration(
      author,
      {
        app,
        baseRevision: await headRevision(ctx.repo),
        message,
        audit: () => ({ share, cutoverStep: step.id }),
        edit: (doc, current) => {
          // Only a file that stands where the ladder runs: never pull a finished move back.
          if (!current || !isAtLeast(current.state, 'validated-in-stage') || isAtLeast(current.state, 'aptible-deprovisioned')) {
            skipped = true;
            return { ok: false, error: { code: 'conflict', message: 'not on the ladder' } };
          }
          if (share === 100) {
            doc.set('state', 'gke-100');
            doc.delete('gkeShare');
          } else if (current.state === 'gke-100' && share === 0) {
            skipped = true;
            return { ok: false, error: { code: 'conflict', message: 'already at 100 %' } };
          } else {
            doc.set('state', 'cutover');
            doc.set('gkeShare', share);
          }
        },
      },
      { repo: ctx.repo, db: ctx.db },
    );
    if (result.ok || skipped) return result.ok;
    if (result.error.code !== 'conflict') {
      logger.warn({ step: step.id, app: app.name, error: result.error.message }, 'could not record GKE\'s share in migration.yaml');
      await addStepEvent(ctx.db, { step, actor: BERTH_ACTOR, kind: 'file-not-updated', body: `Envoy has GKE at ${share} %, but migration.yaml could not be updated: ${result.error.message}` });
      return false;
    }
  }
  return false;
}
