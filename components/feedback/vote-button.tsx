'use client';

import { voteAction } from '@/lib/feedback/actions';
import { useFeedbackAction } from './use-feedback-action';

/** "Me too": toggles this person's vote. The reporter sees the count and why they cannot vote. */
export function VoteButton({ id, votes, voted, allowed, reason }: { id: number; votes: number; voted: boolean; allowed: boolean; reason: string }) {
  const { run, pending, error } = useFeedbackAction(voteAction);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        aria-pressed={voted}
        disabled={!allowed || pending}
        title={allowed ? undefined : reason}
        onClick={() => run({ id, voted: !voted })}
        className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset disabled:cursor-not-allowed ${
          voted ? 'bg-brand-700 text-white ring-brand-700 hover:bg-brand-800' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 disabled:text-slate-500'
        }`}
      >
        Me too
        <span className={`rounded-full px-1.5 text-xs tabular-nums ${voted ? 'bg-white/20' : 'bg-slate-100'}`} aria-label={`${votes} so far`}>
          {votes}
        </span>
      </button>
      {!allowed && reason ? <p className="max-w-56 text-right text-xs text-slate-500">{reason}</p> : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
