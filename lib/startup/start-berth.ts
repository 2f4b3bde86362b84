import 'server-only';
import { ConfigError, getConfig } from '@/lib/config/get-config';
import { startAuditPruning } from '@/lib/audit/start-audit-pruning';
import { startChangeRecovery } from '@/lib/changes/start-change-recovery';
import { startCutoverRunner } from '@/lib/migration/cutover-runner';
import { getDb } from '@/lib/db/get-db';
import { logger } from '@/lib/logger/logger';
import { warmCommitRecords } from '@/lib/gitops/commit-records';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { healClone } from '@/lib/gitops/heal-clone';
import { headRevision } from '@/lib/gitops/read-repo';
import { withWriteLock } from '@/lib/gitops/write-lock';
import { cloneIfMissing } from '@/lib/gitops/remote-sync';
import { startStatusSampler } from '@/lib/kube/start-status-sampler';
import { handleTermination } from './handle-termination';

/** Start-up checks: a bad configuration stops the process with one clear line; migrations run now, not on the first request. */
export async function startBerth(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.CONFIG_REPO_REMOTE) {
    try {
      if (await cloneIfMissing(config.configRepoDir, { url: config.CONFIG_REPO_REMOTE }, config.CONFIG_REPO_BRANCH)) {
        logger.info({ dir: config.configRepoDir }, 'cloned the config repository');
      }
    } catch (error) {
      // Never print the remote URL: it may carry a token.
      console.error(`Berth cannot clone the config repository into ${config.configRepoDir}: ${error instanceof Error ? error.message.replace(/https?:\/\/[^\s]+/g, '<remote>') : String(error)}`);
      process.exit(1);
    }
  }
  try {
    await getDb();
  } catch (error) {
    console.error(`Berth cannot open its database (${config.database}): ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  handleTermination();
  startChangeRecovery();
  startAuditPruning();
  startStatusSampler();
  startCutoverRunner();
  logger.info({ database: config.database, authMode: config.AUTH_MODE, connection: config.connection }, 'Berth started');
  void healThenWarm(config.CONFIG_REPO_REMOTE);
}

/**
 * A crash may have left the clone mid-write: it is checked (every file of the head read) and
 * healed before anything is written — writes wait behind this under the write lock, pages do not.
 */
async function healThenWarm(remoteUrl: string | undefined): Promise<void> {
  const repo = getConfigRepo();
  try {
    const report = await withWriteLock(repo.dir, () => healClone(repo, { remote: remoteUrl ? { url: remoteUrl } : undefined, deep: true }));
    logger.info({ head: report.head.slice(0, 12) }, 'config repository clone checked');
  } catch (error) {
    logger.error({ err: error }, 'the config repository cannot be read: saves and approvals are refused until it is repaired');
    return;
  }
  await warmHistory();
}

/** Reads what each commit changed in the background, so history pages are fast from the first visit. */
async function warmHistory(): Promise<void> {
  const started = performance.now();
  try {
    const repo = getConfigRepo();
    const commits = await warmCommitRecords(repo, await headRevision(repo));
    logger.info({ commits, ms: Math.round(performance.now() - started) }, 'read the config repository history');
  } catch (error) {
    // Only a head start: every page reads what it needs by itself.
    logger.warn({ err: error }, 'could not read the config repository history ahead of time');
  }
}
