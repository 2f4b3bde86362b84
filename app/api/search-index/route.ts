// GET /api/search-index: the search dialog's MiniSearch index (guides, concepts, commands, sessions).
import { withUser } from '@/lib/auth/with-user';
import { getSearchIndexJson } from '@/lib/guides/get-search-index-json';

export const GET = withUser(async (request) => {
  const { json, etag } = getSearchIndexJson();
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    // Private: only signed-in people may read it. Revalidated cheaply by ETag after a deploy.
    'cache-control': 'private, max-age=300, must-revalidate',
    etag,
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(json, { status: 200, headers });
});
