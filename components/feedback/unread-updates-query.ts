// The header badge's count of unread feedback updates, shared by the badge and the pages that
// change what is unread (they call refreshUnreadFeedbackCount after an action).
import { SharedFetch } from '@/components/data/shared-fetch';

async function fetchUnreadFeedbackCount(): Promise<number> {
  const response = await fetch('/api/feedback/unread', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`unread feedback count: HTTP ${response.status}`);
  const body = (await response.json()) as { count?: unknown };
  return typeof body.count === 'number' ? body.count : 0;
}

export const unreadFeedbackCount = new SharedFetch(fetchUnreadFeedbackCount, { pollMs: 60_000, staleMs: 10_000 });

export function refreshUnreadFeedbackCount(): Promise<void> {
  return unreadFeedbackCount.refresh();
}
