'use client';

import { type FormEvent, useId, useState } from 'react';
import { saveGuideFeedbackAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { GUIDE_UNHELPFUL_REASONS, type GuideUnhelpfulReason, guideReasonLabels, SHORT_TEXT_MAX } from '@/lib/feedback/feedback-terms';
import { FieldError, FormField, inputClass } from './form-field';
import { useFeedbackAction } from './use-feedback-action';

export interface GuideAnswer {
  helpful: boolean;
  reason: GuideUnhelpfulReason | null;
  comment: string;
}

export function GuideHelpfulForm({ guide, answer }: { guide: string; answer: GuideAnswer | null }) {
  const id = useId();
  // The saved answer as this person last gave it (the server's, until they answer again).
  const [current, setCurrent] = useState<GuideAnswer | null>(answer);
  const [mode, setMode] = useState<'ask' | 'why' | 'done'>(answer ? 'done' : 'ask');
  const [reason, setReason] = useState<GuideUnhelpfulReason | null>(answer?.reason ?? null);
  const [comment, setComment] = useState(answer?.comment ?? '');
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const { run, pending, error, fieldErrors } = useFeedbackAction(saveGuideFeedbackAction);

  if (mode === 'done' && current) {
    return (
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <p role="status">
          {current.helpful
            ? 'You found this guide helpful. Thanks!'
            : `You told us: ${guideReasonLabels[current.reason ?? 'other'].toLowerCase()}. Thanks — the platform team reads these.`}
        </p>
        <Button type="button" variant="ghost" onClick={() => setMode('ask')}>
          Change answer
        </Button>
      </div>
    );
  }

  if (mode === 'why') {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      if (!reason) {
        setReasonError(['Choose what was wrong with it.']);
        return;
      }
      setReasonError(undefined);
      run({ guide, helpful: false, reason, comment }, () => {
        setCurrent({ helpful: false, reason, comment });
        setMode('done');
      });
    };
    return (
      <form onSubmit={submit} noValidate aria-label="What was wrong with this guide" className="space-y-3">
        <fieldset aria-describedby={reasonError || fieldErrors.reason ? `${id}-reason-error` : undefined}>
          <legend className="text-sm font-medium text-slate-900">What was wrong with it?</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {GUIDE_UNHELPFUL_REASONS.map((r) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input type="radio" name={`${id}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} className="accent-brand-700" />
                {guideReasonLabels[r]}
              </label>
            ))}
          </div>
          <FieldError id={`${id}-reason-error`} error={reasonError ?? fieldErrors.reason} />
        </fieldset>
        <FormField id={`${id}-comment`} label="Anything else? (optional)" error={fieldErrors.comment} count={{ value: comment.length, max: SHORT_TEXT_MAX }}>
          {(props) => <textarea {...props} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />}
        </FormField>
        {error && !error.fieldErrors ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? 'Sending…' : 'Send'}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setMode(current ? 'done' : 'ask')}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <p id={`${id}-question`} className="text-sm font-medium text-slate-900">
        Was this guide helpful?
      </p>
      <div role="group" aria-labelledby={`${id}-question`} className="flex gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run({ guide, helpful: true, comment: '' }, () => {
              setCurrent({ helpful: true, reason: null, comment: '' });
              setMode('done');
            })
          }
        >
          Yes
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => setMode('why')}>
          No
        </Button>
      </div>
      {error ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
    </div>
  );
}
