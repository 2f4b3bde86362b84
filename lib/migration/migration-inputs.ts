// What the Migration pages send, for the server actions (and any route) alike.
import { z } from 'zod';
import { appNameSchema } from '@/lib/catalog/app-name';
import { revisionSchema } from '@/lib/values-files/values-inputs';
import { CONFIG_KEY_PATTERN, MIGRATION_STATES } from './migration-file';

export const updateMigrationInput = z.object({
  app: appNameSchema,
  state: z.enum(MIGRATION_STATES),
  baseRevision: revisionSchema,
  /** What was validated in stage, in the team's words (state validated-in-stage). */
  note: z.string().trim().max(500).optional(),
});
export type UpdateMigrationInput = z.input<typeof updateMigrationInput>;

// A paste is bounded here only so the parse cannot be made huge; the parsers refuse above 512 KiB
// with the reason. The text is read for names and dropped: it is never stored, logged or echoed.
const paste = z.string().max(1024 * 1024).optional();

export const checkParityInput = z.object({
  app: appNameSchema,
  baseRevision: revisionSchema,
  config: paste,
  services: paste,
  endpoints: paste,
  /** Record the names read from the pastes in migration.yaml (false: only compare). */
  save: z.boolean().default(false),
});
export type CheckParityInput = z.input<typeof checkParityInput>;

export const dropConfigKeyInput = z.object({
  app: appNameSchema,
  baseRevision: revisionSchema,
  key: z.string().regex(CONFIG_KEY_PATTERN, 'an environment variable name'),
  /** Why the key stays behind; empty takes the key back (it must then be in env or secretEnv). */
  reason: z.string().trim().max(500),
});
export type DropConfigKeyInput = z.input<typeof dropConfigKeyInput>;
