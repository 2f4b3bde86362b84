import 'server-only';
// The one way apps/<app>/migration.yaml changes: an edit of the file as it was at the revision the
// person saw (comments and order kept), checked with the file's schema, committed under their name
// through the same crash-safe compare-and-set as values (commitChange) and audited. A file that
// changed since then is a conflict; a result the schema refuses writes nothing.
import { type Document, parseDocument } from 'yaml';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { viewApp } from '@/lib/catalog/view-app';
import type { App } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { commitChange } from '@/lib/gitops/commit-change';
import { commitRefusal } from '@/lib/gitops/commit-refusal';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { readFile } from '@/lib/gitops/read-repo';
import { fail, type Failure, type InputSchema, ok, parseInput, type Result } from '@/lib/result/result';
import { configuredRemote } from '@/lib/values-files/save-values';
import { type MigrationFile, type MigrationFileProblem, migrationFilePath, parseMigrationFile } from './migration-file';

/**
 * How every change a person types into an app's migration begins: the input parsed, then the app,
 * which must be one they can see and whose migration the policy table lets them change.
 */
export async function startMigrationUpdate<I extends { app: string }>(
  user: BerthUser,
  schema: InputSchema<I>,
  raw: unknown,
  deps: { repo?: ConfigRepo },
): Promise<Result<{ input: I; app: App; repo: ConfigRepo }, never>> {
  const parsed = parseInput(schema, raw);
  if (!parsed.ok) return parsed;
  const repo = deps.repo ?? getConfigRepo();
  const found = await viewApp(user, parsed.data.app, { repo });
  if (!found.ok) return found;
  const decision = decide(user, 'migration.update', { app: found.data.app });
  return decision.allowed ? ok({ input: parsed.data, app: found.data.app, repo }) : fail('forbidden', decision.reason);
}

export interface MigrationWriteDetails {
  problems?: MigrationFileProblem[];
  headRevision?: string;
}

export type MigrationWriteOutcome = { status: 'committed' | 'unchanged'; revision: string; migration: MigrationFile };

export interface WriteMigrationInput {
  app: App;
  baseRevision: string;
  /** The commit's subject, in the person's words. */
  message: string;
  /**
   * Edits the document in place. `current` is the file as parsed at the base revision (null when
   * absent or unreadable). Returning a Failure stops the write with it.
   */
  edit: (doc: Document, current: MigrationFile | null) => { ok: false; error: Failure<never> } | void;
  /** What the audit event says besides the revision (asked after the edit): names and states only, never a value. */
  audit: () => Record<string, unknown>;
}

export interface WriteMigrationDeps {
  repo: ConfigRepo;
  db?: BerthDb;
}

function newFileText(app: string): string {
  return `# ${app}'s move from Aptible to GKE, kept by Berth.\n# Names and shapes only: never a config value in this file.\nstate: aptible-only\n`;
}

export async function writeMigration(user: BerthUser, input: WriteMigrationInput, deps: WriteMigrationDeps): Promise<Result<MigrationWriteOutcome, MigrationWriteDetails>> {
  const path = migrationFilePath(input.app.name);
  let before: string | null;
  try {
    before = await readFile(deps.repo, path, input.baseRevision);
  } catch {
    return fail('invalid', `Berth does not know revision ${input.baseRevision.slice(0, 7)}: reload the page.`);
  }
  const doc = parseDocument(before ?? newFileText(input.app.name), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail('invalid', `${path} does not parse as YAML; fix it in the config repository first.`, {
      details: { problems: [{ line: 1, message: doc.errors[0].message.split('\n')[0] }] },
    });
  }
  const parsedBefore = before === null ? null : parseMigrationFile(before);
  const refusal = input.edit(doc, parsedBefore?.ok ? parsedBefore.migration : null);
  if (refusal) return refusal;
  const text = doc.toString({ lineWidth: 0 });
  const parsed = parseMigrationFile(text);
  if (!parsed.ok) {
    return fail('invalid', `${path} would not be valid; nothing was saved.`, { details: { problems: parsed.problems } });
  }

  let result;
  try {
    result = await commitChange(deps.repo, {
      files: [{ path, text }],
      baseRevision: input.baseRevision,
      author: { name: user.name, email: user.email },
      message: input.message,
      remote: configuredRemote(),
    });
  } catch (error) {
    const refusal = commitRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
  if (result.status === 'conflict') {
    return fail('conflict', `Someone changed ${input.app.name}'s migration since you opened the page: nothing was saved. Reload to see it.`, {
      details: { headRevision: result.headRevision },
    });
  }
  if (result.status === 'refused') return fail('invalid', 'The change was refused; nothing was saved.');
  if (result.status === 'unchanged') return ok({ status: 'unchanged', revision: result.revision, migration: parsed.migration });

  await recordAuditEvent(deps.db ?? (await getDb()), {
    actor: user.email,
    action: 'migration.update',
    target: `app:${input.app.name}`,
    details: { file: path, revision: result.revision, parent: result.parent, ...input.audit() },
  });
  return ok({ status: 'committed', revision: result.revision, migration: parsed.migration });
}
