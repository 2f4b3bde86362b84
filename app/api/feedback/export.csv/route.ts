// The board as CSV (same filters as /feedback), for the working group's spreadsheet.
import { withUser } from '@/lib/auth/with-user';
import { feedbackToCsv } from '@/lib/feedback/export-csv';
import { EXPORT_LIMIT, listFeedback } from '@/lib/feedback/list-feedback';
import { csvDownload, jsonError } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (request, { user, requestId }) => {
  const url = new URL(request.url);
  const board = await listFeedback(user, { filter: Object.fromEntries(url.searchParams), limit: EXPORT_LIMIT });
  if (!board) return jsonError('unauthenticated', 'Sign in to Berth first.', { requestId });
  const day = new Date().toISOString().slice(0, 10);
  return csvDownload(feedbackToCsv(board.items, url.origin), `berth-feedback-${day}.csv`);
});
