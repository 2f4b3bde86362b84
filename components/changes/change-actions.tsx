'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { approveChangeAction, commentOnChangeAction, rejectChangeAction, withdrawChangeAction } from '@/lib/changes/actions';
import type { ChangeRequest, ChangeStatus } from '@/lib/changes/change-request';

interface ChangeActionsProps {
  id: number;
  status: ChangeStatus;
  diffHash: string;
  canReview: boolean;
  reviewReason: string;
  isAuthor: boolean;
  rebaseHref: string;
}

// Approve sends the hash of the diff on this page: if the proposal changed since it was loaded,
// the server refuses the approval instead of approving something the reviewer did not see.
export function ChangeActions({ id, status, diffHash, canReview, reviewReason, isAuthor, rebaseHref }: ChangeActionsProps) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(action: 'approve' | 'reject' | 'withdraw' | 'comment') {
    setBusy(true);
    setMessage(null);
    try {
      const text = comment.trim();
      const result =
        action === 'approve'
          ? await approveChangeAction({ id, diffHash, comment: text || undefined })
          : action === 'reject'
            ? await rejectChangeAction({ id, comment: text })
            : action === 'withdraw'
              ? await withdrawChangeAction({ id })
              : await commentOnChangeAction({ id, body: text });
      if (result.ok) {
        setComment('');
        setMessage(outcomeWords(action, result.data));
      } else {
        const firstField = Object.values(result.error.fieldErrors ?? {})[0]?.[0];
        const problem = result.error.details?.problems?.find((p) => p.severity === 'error')?.message;
        setMessage({ ok: false, text: firstField ?? (problem ? `${result.error.message} ${problem}` : result.error.message) });
      }
      router.refresh();
    } catch {
      setMessage({ ok: false, text: 'Berth could not be reached. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  const open = status === 'open';
  return (
    <section aria-labelledby="review" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="review" className="font-semibold text-slate-900">
        Review
      </h2>
      {open && !canReview ? <p className="mt-1 text-sm text-slate-600">{reviewReason}</p> : null}
      <label className="mt-3 flex flex-col gap-1 text-sm">
        <span className="font-medium">Comment</span>
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={5000} className="rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <div className="mt-3 flex flex-wrap gap-2">
        {open && canReview ? (
          <>
            <Button type="button" disabled={busy} onClick={() => void act('approve')}>
              Approve and merge
            </Button>
            <Button type="button" variant="danger" disabled={busy || !comment.trim()} onClick={() => void act('reject')}>
              Reject
            </Button>
          </>
        ) : null}
        <Button type="button" variant="secondary" disabled={busy || !comment.trim()} onClick={() => void act('comment')}>
          Comment
        </Button>
        {isAuthor && (open || status === 'stale') ? (
          <>
            <ButtonLink href={rebaseHref} variant="secondary">
              {status === 'stale' ? 'Re-base in the editor' : 'Edit the proposal'}
            </ButtonLink>
            <Button type="button" variant="ghost" disabled={busy} onClick={() => void act('withdraw')}>
              Withdraw
            </Button>
          </>
        ) : null}
      </div>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-2 text-sm ${message.ok ? 'text-emerald-800' : 'text-red-800'}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

/** What happened, from the request as the server left it: an approval is not a merge. */
function outcomeWords(action: 'approve' | 'reject' | 'withdraw' | 'comment', change: ChangeRequest): { ok: boolean; text: string } {
  if (action === 'comment') return { ok: true, text: 'Comment added.' };
  if (action === 'reject') return { ok: true, text: 'Rejected.' };
  if (action === 'withdraw') return { ok: true, text: 'Withdrawn.' };
  switch (change.status) {
    case 'merged':
      return { ok: true, text: `Approved and merged as ${change.mergedRevision?.slice(0, 7) ?? 'a new commit'}. CI/CD deploys it next.` };
    case 'approved':
      return { ok: true, text: 'Approved: Berth is merging it.' };
    default:
      return { ok: false, text: `Approved, but not merged: ${change.statusReason ?? `the request is ${change.status}`}` };
  }
}
