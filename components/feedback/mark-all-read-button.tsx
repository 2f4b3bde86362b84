'use client';

import { markAllSeenAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { useFeedbackAction } from './use-feedback-action';

export function MarkAllReadButton() {
  const { run, pending, error } = useFeedbackAction(markAllSeenAction);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" disabled={pending} onClick={() => run({})}>
        {pending ? 'Marking…' : 'Mark all as read'}
      </Button>
      {error ? <p role="alert" className="text-xs text-red-700">{error.message}</p> : null}
    </div>
  );
}
