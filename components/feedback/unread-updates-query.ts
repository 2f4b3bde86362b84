// The header badge's count of unread feedback updates, shared by the badge and the pages that
// change what is unread (they call refreshUnreadFeedbackCount after an action).
import { dataOrThrow, fetchJson } from '@/components/data/fetch-json';
import { SharedFetch } from '@/components/data/shared-fetch';

async function fetchUnreadFeedbackCount(): Promise<number> {
  const body = dataOrThrow(await fetchJson<{ count?: unknown }>('/api/feedback/unread'));
  return typeof body.count === 'number' ? body.count : 0;
}

export const unreadFeedbackCount = new SharedFetch(fetchUnreadFeedbackCount, { pollMs: 60_000, staleMs: 10_000 });

export function refreshUnreadFeedbackCount(): Promise<void> {
  return unreadFeedbackCount.refresh();
}
