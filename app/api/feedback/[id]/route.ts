// One feedback item with its thread, as the item page shows it.
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { getFeedbackItem } from '@/lib/feedback/get-feedback-item';
import { jsonData, jsonError } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ id: string }>(async (_request, { params, user, requestId }) => {
  const id = z.coerce.number().int().positive().max(2 ** 31).safeParse(params.id);
  if (!id.success) return jsonError('invalid', 'That is not a feedback number.', { requestId });
  const item = await getFeedbackItem(user, id.data);
  if (!item) return jsonError('not-found', 'There is no such feedback.', { requestId });
  return jsonData(item);
});
