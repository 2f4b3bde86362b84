// What a triager can link to an item: a web link (a pull request, a doc), a commit in the config
// repository, or a Berth change request. Isomorphic: the browser validates with it too.

export type FeedbackLink =
  | { type: 'url'; url: string }
  | { type: 'commit'; sha: string }
  | { type: 'change'; id: string };

const COMMIT_SHA = /^[0-9a-f]{7,40}$/i;
// `change:42` is how Berth names change requests in its audit log; `CR-42` is how people say it.
const CHANGE_ID = /^(?:change:|cr-)([a-z0-9][a-z0-9-]{0,63})$/i;

/** The link a reference stands for, or null when it is none of the three. */
export function parseFeedbackLink(raw: string): FeedbackLink | null {
  const ref = raw.trim();
  if (!ref || ref.length > 500) return null;
  if (COMMIT_SHA.test(ref)) return { type: 'commit', sha: ref.toLowerCase() };
  const change = CHANGE_ID.exec(ref);
  if (change) return { type: 'change', id: change[1].toLowerCase() };
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return null;
  }
  // Only web links: no javascript:, data: or file: targets, and no credentials in the URL.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return { type: 'url', url: url.toString() };
}

/** The stored form of a link (what `parseFeedbackLink` reads back). */
export function formatFeedbackLink(link: FeedbackLink): string {
  if (link.type === 'url') return link.url;
  if (link.type === 'commit') return link.sha;
  return `change:${link.id}`;
}

/** How a link reads in the thread. */
export function describeFeedbackLink(link: FeedbackLink): string {
  if (link.type === 'commit') return `commit ${link.sha.slice(0, 7)}`;
  if (link.type === 'change') return `change request ${link.id}`;
  const url = new URL(link.url);
  const where = `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`;
  return where.length > 80 ? `${where.slice(0, 77)}…` : where;
}
