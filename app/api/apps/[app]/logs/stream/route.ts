// New log lines as Server-Sent Events, same filter params as the page route; `since` (or the Last-Event-ID of a reconnect) is where to resume.
import { jsonError } from '@/lib/http/respond';
import { EVENT_STREAM_HEADERS, logEventStream } from '@/lib/logs/log-event-stream';
import { describeRefusal } from '@/lib/logs/log-stream-limits';
import { logStreamLimits } from '@/lib/logs/log-streams';
import { parseRfc3339Nanos } from '@/lib/logs/log-time';
import { canFollow } from '@/lib/logs/log-view-params';
import { logReadFilter } from '@/lib/logs/record-log-read';
import { withLogRequest } from '@/lib/logs/with-log-request';

export const dynamic = 'force-dynamic';

export const GET = withLogRequest(async (request, { logRequest, source, log, requestId, user, recordRead }) => {
  const { query, view, app, environment } = logRequest;
  if (!canFollow(view)) {
    return jsonError('invalid', 'This view ends at a fixed time or shows a stopped container: there are no new lines to follow.', { requestId });
  }
  // A reconnecting EventSource sends the id of the last event it got: the time of its last entry.
  const resumeAt = parseRfc3339Nanos(request.headers.get('last-event-id') ?? '');
  const since = resumeAt !== undefined ? new Date(Number(resumeAt / 1_000_000n)) : view.since;
  const followed = { ...query, since, until: undefined, pageToken: undefined, pageSize: undefined };

  // At most so many live streams per person and per replica: the one too many is told what is open.
  const opening = logStreamLimits().tryOpen({ email: user.email, app: app.name, environment: environment.name, filter: logReadFilter(followed) });
  if (!opening.ok) {
    const refused = jsonError('rate-limited', describeRefusal(opening), { requestId, details: { scope: opening.scope, limit: opening.limit, open: opening.open } });
    refused.headers.set('retry-after', opening.scope === 'replica' ? '30' : '5');
    return refused;
  }
  try {
    await recordRead({ kind: 'stream-opened', query: followed, lines: 0 });
  } catch (error) {
    opening.close();
    throw error;
  }
  const opened = Date.now();
  const stream = logEventStream({
    source,
    query: followed,
    signal: request.signal,
    // The shared tail starts afresh each minute by itself (new pods): no segments here.
    onUnexpectedError: (error) => log.error({ err: error }, 'following logs failed'),
    onClose: ({ entries, ended }) => {
      opening.close();
      // The lines are already out: a closing record that fails can only be logged.
      recordRead({ kind: 'stream-closed', query: followed, lines: entries, openMs: Date.now() - opened, ended }).catch((error: unknown) =>
        log.error({ err: error }, 'could not record the end of a log stream'),
      );
    },
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
