// New log lines as Server-Sent Events, same filter params as the page route; `since` (or the Last-Event-ID of a reconnect) is where to resume.
import { jsonError } from '@/lib/http/json-error';
import { logSourceKind } from '@/lib/logs/get-log-source';
import { EVENT_STREAM_HEADERS, logEventStream } from '@/lib/logs/log-event-stream';
import { parseRfc3339Nanos } from '@/lib/logs/log-time';
import { canFollow } from '@/lib/logs/log-view-params';
import { withLogRequest } from '@/lib/logs/with-log-request';

export const dynamic = 'force-dynamic';

export const GET = withLogRequest(async (request, { logRequest, source, log, requestId, recordRead }) => {
  const { query, view } = logRequest;
  if (!canFollow(view)) {
    return jsonError(400, 'cannot-follow', 'This view ends at a fixed time or shows a stopped container: there are no new lines to follow.', { requestId });
  }
  // A reconnecting EventSource sends the id of the last event it got: the time of its last entry.
  const resumeAt = parseRfc3339Nanos(request.headers.get('last-event-id') ?? '');
  const since = resumeAt !== undefined ? new Date(Number(resumeAt / 1_000_000n)) : view.since;
  const followed = { ...query, since, until: undefined, pageToken: undefined, pageSize: undefined };
  await recordRead({ kind: 'stream-opened', query: followed, lines: 0 });
  const opened = Date.now();
  const stream = logEventStream({
    source,
    query: followed,
    signal: request.signal,
    // Kubernetes follows the pods that exist when a tail starts: start afresh each minute.
    segmentMs: logSourceKind() === 'kubernetes' ? 60_000 : undefined,
    onUnexpectedError: (error) => log.error({ err: error }, 'following logs failed'),
    // The lines are already out: a closing record that fails can only be logged.
    onClose: ({ entries, ended }) =>
      recordRead({ kind: 'stream-closed', query: followed, lines: entries, openMs: Date.now() - opened, ended }).catch((error: unknown) =>
        log.error({ err: error }, 'could not record the end of a log stream'),
      ),
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
