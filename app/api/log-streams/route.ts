// My live log streams on this replica and the most I may have: the viewer says what to close when a follow is refused.
import { withUser } from '@/lib/auth/with-user';
import { getConfig } from '@/lib/config/get-config';
import { describeRefusal } from '@/lib/logs/log-stream-limits';
import { logStreamLimits } from '@/lib/logs/log-streams';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (_request, { user }) => {
  const limit = getConfig().LOG_STREAMS_PER_PERSON;
  const open = logStreamLimits().of(user.email);
  const full = open.length >= limit;
  return Response.json({ open, limit, message: full ? describeRefusal({ ok: false, scope: 'person', limit, open }) : null }, { headers: { 'cache-control': 'no-store' } });
});
