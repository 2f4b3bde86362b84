// The header badge's query, shared by the badge and the pages that change what is unread.
// Isomorphic: only used by client components.
export const unreadFeedbackQueryKey = ['feedback', 'unread'] as const;

export async function fetchUnreadFeedbackCount(): Promise<number> {
  const response = await fetch('/api/feedback/unread', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`unread feedback count: HTTP ${response.status}`);
  const body = (await response.json()) as { count?: unknown };
  return typeof body.count === 'number' ? body.count : 0;
}
