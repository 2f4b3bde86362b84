import 'server-only';
import { getConfig } from '@/lib/config/get-config';
import { type BerthDb, createDb } from './create-db';

// One pool per process. Kept on globalThis so `next dev` reloads do not open a new pool each time.
const holder = globalThis as typeof globalThis & { __berthDb?: Promise<BerthDb> };

export function getDb(): Promise<BerthDb> {
  holder.__berthDb ??= createDb({ url: getConfig().databaseUrl }).catch((error: unknown) => {
    holder.__berthDb = undefined;
    throw error;
  });
  return holder.__berthDb;
}

/** Closes the pool (graceful shutdown). */
export async function closeDb(): Promise<void> {
  const pending = holder.__berthDb;
  holder.__berthDb = undefined;
  if (pending) await (await pending).destroy();
}

export type { BerthDb };
