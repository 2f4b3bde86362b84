// One page of an app's logs in an environment, newest first: ?env&pod&container&severity&q&since&until|range&previous&pageToken&pageSize.
import { jsonData } from '@/lib/http/respond';
import { withLogRequest } from '@/lib/logs/with-log-request';

export const dynamic = 'force-dynamic';

export const GET = withLogRequest(
  async (request, { logRequest, source, masking, recordRead }) => {
    const { query, environment } = logRequest;
    const page = await source.query(query, request.signal);
    await recordRead({ kind: query.pageToken ? 'page' : 'query', query, lines: page.entries.length });
    return jsonData(
      {
        environment: environment.name,
        window: { since: query.since?.toISOString() ?? null, until: query.until?.toISOString() ?? null },
        entries: page.entries,
        nextPageToken: page.nextPageToken ?? null,
        // Pods with no lines to give yet (starting) or any more (gone): the viewer says so.
        unread: page.unread ?? [],
        // Whether likely PHI was masked, and until when the reader's "show unmasked" lasts.
        masking: { masked: masking.masked, unmaskedUntil: masking.unmasked?.expiresAt ?? null, unmaskEnded: masking.unmaskEnded },
      },
    );
  },
  { pageSize: 200 },
);
