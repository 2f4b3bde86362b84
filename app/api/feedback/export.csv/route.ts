// The board as CSV (same filters as /feedback), for the working group's spreadsheet.
import { withUser } from '@/lib/auth/with-user';
import { feedbackToCsv } from '@/lib/feedback/export-csv';
import { EXPORT_LIMIT, listFeedback } from '@/lib/feedback/list-feedback';
import { jsonError } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (request, { user, requestId }) => {
  const url = new URL(request.url);
  const board = await listFeedback(user, { filter: Object.fromEntries(url.searchParams), limit: EXPORT_LIMIT });
  if (!board) return jsonError('unauthenticated', 'Sign in to Berth first.', { requestId });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(feedbackToCsv(board.items, url.origin), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="berth-feedback-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
