// Pods whose lines are not among these: still starting (their lines come once the container
// runs) or gone since they were listed. Never an error: the other pods' lines are all here.
import type { UnreadPod } from '@/lib/logs/log-source';

export function UnreadPodsNote({ unread }: { unread: UnreadPod[] }) {
  if (unread.length === 0) return null;
  const starting = unread.filter((u) => u.reason === 'starting');
  const gone = unread.filter((u) => u.reason === 'gone');
  const names = (pods: UnreadPod[]) => [...new Set(pods.map((u) => u.pod))].join(', ');
  return (
    <p role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950" data-testid="unread-pods">
      {starting.length > 0 ? (
        <span className="block">
          Still starting, so no lines from it yet: <span className="font-mono">{names(starting)}</span>. Its lines appear here once its container runs; the other pods’ lines
          are all shown.
        </span>
      ) : null}
      {gone.length > 0 ? (
        <span className="block">
          Gone since the pod list was read: <span className="font-mono">{names(gone)}</span>. Its lines are not in this answer.
        </span>
      ) : null}
    </p>
  );
}
