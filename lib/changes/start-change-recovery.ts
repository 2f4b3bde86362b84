import 'server-only';
import { repeatInBackground } from '@/lib/lifecycle/repeat-in-background';
import { recoverStuckChanges } from './merge-change';

/**
 * Every replica looks for change requests a stopped merge left "approved" (at start-up, then
 * every few seconds) and finishes them; the database decides which replica takes each one.
 */
export function startChangeRecovery(): void {
  repeatInBackground({
    name: 'change-recovery',
    everyMs: 5_000,
    run: () => recoverStuckChanges(),
    failure: 'could not look for change requests left approved; retrying shortly',
  });
}
