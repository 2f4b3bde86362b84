import 'server-only';
import { getDb } from '@/lib/db/get-db';
import { repeatInBackground } from '@/lib/lifecycle/repeat-in-background';
import { SAMPLE_EVERY_MS, sampleAppStatuses } from './status-history';

/** Every replica samples the verdicts it sees; the history's readers count each period once. */
export function startStatusSampler(): void {
  repeatInBackground({
    name: 'status-sampler',
    everyMs: SAMPLE_EVERY_MS,
    // The caches make their first list within seconds of being asked; the first sample waits for that.
    firstAfterMs: 20_000,
    run: async () => sampleAppStatuses(await getDb()),
    failure: 'could not record the apps’ status history; trying again at the next period',
  });
}
