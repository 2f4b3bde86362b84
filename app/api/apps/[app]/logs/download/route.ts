// The current filter's lines as a text file (the newest 20,000, oldest first), same params as the page route.
import { collectLogDownload, DOWNLOAD_MAX_LINES } from '@/lib/logs/collect-log-download';
import { formatLogLine } from '@/lib/logs/format-log-line';
import { withLogRequest } from '@/lib/logs/with-log-request';

export const dynamic = 'force-dynamic';

export const GET = withLogRequest(async (request, { logRequest, source, masking, recordRead }) => {
  const { query, app, environment } = logRequest;
  const { entries, truncated } = await collectLogDownload(source, { ...query, pageToken: undefined }, { maxLines: DOWNLOAD_MAX_LINES, signal: request.signal });
  await recordRead({ kind: 'download', query: { ...query, pageToken: undefined }, lines: entries.length });
  const window = `${query.since?.toISOString() ?? 'the beginning'} to ${query.until?.toISOString() ?? 'now'}`;
  const maskedValues = entries.reduce((sum, e) => sum + (e.masked ?? 0), 0);
  const header = [
    `# ${app.name} in ${environment.name} (namespace ${app.namespace}, cluster ${environment.cluster}), ${window}`,
    `# ${entries.length} lines${truncated ? ` — the newest ${DOWNLOAD_MAX_LINES.toLocaleString('en-US')}; narrow the filter for older lines` : ''}`,
    ...(masking.masked ? [`# likely patient data masked (${maskedValues} values); download again with "Show unmasked" and a reason for the lines as written`] : []),
    ...(masking.unmasked ? [`# unmasked for ${masking.unmasked.email}: ${masking.unmasked.reason.replace(/\s+/g, ' ')} — this file holds patient data`] : []),
  ];
  const body = [...header, ...entries.map(formatLogLine)].join('\n') + '\n';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return new Response(body, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${app.name}-${environment.name}-logs-${stamp}.txt"`,
      'cache-control': 'no-store',
    },
  });
});
