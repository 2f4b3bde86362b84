// The person's notices (reviews waiting, unseen decisions on their requests), shared by the
// navigation's count, the header's notice and the home page, and refreshed after actions.
import { dataOrThrow, fetchJson } from '@/components/data/fetch-json';
import { SharedFetch } from '@/components/data/shared-fetch';
import type { ChangeDecision } from '@/lib/home/home';

export interface Notices {
  reviewsWaiting: number;
  decisions: ChangeDecision[];
}

async function fetchNotices(): Promise<Notices> {
  const body = dataOrThrow(await fetchJson<Partial<Notices>>('/api/me/notices'));
  return { reviewsWaiting: typeof body.reviewsWaiting === 'number' ? body.reviewsWaiting : 0, decisions: Array.isArray(body.decisions) ? body.decisions : [] };
}

export const personNotices = new SharedFetch(fetchNotices, { pollMs: 60_000, staleMs: 10_000 });

export function refreshNotices(): Promise<void> {
  return personNotices.refresh();
}
