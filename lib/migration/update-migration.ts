import 'server-only';
// Moving an app along its migration: the owning team (or the platform team) sets where it stands,
// "validated in stage" records who on the owning team said so. The steps through Envoy (cutover,
// and 100 % for an app behind the edge route) belong to the cutover ladder, which moves traffic
// and the state together; a state the ladder owns cannot be typed in here.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { BerthDb } from '@/lib/db/get-db';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { fail, type Result } from '@/lib/result/result';
import { describeState } from './migration-states';
import { isAtLeast, type MigrationState } from './migration-file';
import { moveRefusal } from './migration-moves';
import { updateMigrationInput, type UpdateMigrationInput } from './migration-inputs';
import { startMigrationUpdate, type MigrationWriteDetails, type MigrationWriteOutcome, writeMigration } from './write-migration';

export interface UpdateMigrationDeps {
  repo?: ConfigRepo;
  db?: BerthDb;
  now?: () => Date;
}

export async function updateMigration(user: BerthUser, raw: UpdateMigrationInput, deps: UpdateMigrationDeps = {}): Promise<Result<MigrationWriteOutcome, MigrationWriteDetails>> {
  const started = await startMigrationUpdate(user, updateMigrationInput, raw, deps);
  if (!started.ok) return started;
  const { input, app, repo } = started.data;
  const to: MigrationState = input.state;
  if (to === 'validated-in-stage') {
    const validate = decide(user, 'migration.validate', { app });
    if (!validate.allowed) return fail('forbidden', validate.reason);
  }
  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);

  let from: MigrationState = 'aptible-only';
  return writeMigration(
    user,
    {
      app,
      baseRevision: input.baseRevision,
      message: to === 'validated-in-stage' ? `${app.name} validated in stage${input.note ? `: ${input.note}` : ''}` : `${app.name}: ${describeState(to).label.toLowerCase()}`,
      audit: () => ({ from, to, ...(to === 'validated-in-stage' ? { validatedBy: user.email } : {}) }),
      edit: (doc, current) => {
        from = current?.state ?? 'aptible-only';
        const refusal = moveRefusal(app.name, app.team, current, to);
        if (refusal) return fail(refusal.code, refusal.message);
        doc.set('state', to);
        if (to === 'validated-in-stage') {
          doc.set('validatedInStage', doc.createNode({ by: user.email, at: today, ...(input.note ? { note: input.note } : {}) }));
        } else if (!isAtLeast(to, 'validated-in-stage')) {
          // Moving back before validation withdraws it; git keeps who had said so.
          doc.delete('validatedInStage');
        }
      },
    },
    { repo, db: deps.db },
  );
}
