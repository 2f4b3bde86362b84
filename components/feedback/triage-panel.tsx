'use client';

import { type FormEvent, useOptimistic, useState } from 'react';
import { addLinkAction, assignOwnerAction, setKnownIssueAction, setStatusAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { FEEDBACK_STATUSES, type FeedbackStatus, feedbackStatusLabels } from '@/lib/feedback/feedback-terms';
import { FormField, inputClass } from './form-field';
import { useFeedbackAction } from './use-feedback-action';

export interface TriageItem {
  id: number;
  status: FeedbackStatus;
  ownerEmail: string | null;
  knownIssue: boolean;
  /** Where a known-issue banner would show ("the scheduler page"); null when nowhere. */
  bannerPlace: string | null;
}

/** The platform team's controls: status (with a note for the reporter), owner, known issue, links. */
export function TriagePanel({ item, platformPeople }: { item: TriageItem; platformPeople: { email: string; name: string }[] }) {
  return (
    <section aria-labelledby="triage-heading" className="space-y-5 rounded-lg border border-brand-600/30 bg-white p-4">
      <h2 id="triage-heading" className="font-semibold text-slate-900">
        Triage
      </h2>
      <StatusForm item={item} />
      <OwnerForm item={item} platformPeople={platformPeople} />
      <KnownIssueToggle item={item} />
      <LinkForm id={item.id} />
    </section>
  );
}

function StatusForm({ item }: { item: TriageItem }) {
  const [status, setStatus] = useState<FeedbackStatus>(item.status);
  const [comment, setComment] = useState('');
  const { run, pending, error, fieldErrors } = useFeedbackAction(setStatusAction);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ id: item.id, status, comment }, () => setComment(''));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <FormField id="triage-status" label="Status" error={fieldErrors.status}>
        {(props) => (
          <select {...props} value={status} onChange={(e) => setStatus(e.target.value as FeedbackStatus)} className={inputClass}>
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {feedbackStatusLabels[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="triage-note" label="Note for the reporter (optional)" hint="Posted to the thread with the change." error={fieldErrors.comment}>
        {(props) => <textarea {...props} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} className={inputClass} />}
      </FormField>
      {error && !error.fieldErrors ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
      <Button type="submit" disabled={pending || (status === item.status && !comment.trim())}>
        {pending ? 'Saving…' : 'Update status'}
      </Button>
    </form>
  );
}

function OwnerForm({ item, platformPeople }: { item: TriageItem; platformPeople: { email: string; name: string }[] }) {
  const [owner, setOwner] = useState(item.ownerEmail ?? '');
  const { run, pending, error, fieldErrors } = useFeedbackAction(assignOwnerAction);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ id: item.id, ownerEmail: owner || null });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <FormField id="triage-owner" label="Owner" hint="Someone on the platform team who follows it up." error={fieldErrors.ownerEmail}>
        {(props) => (
          <select {...props} value={owner} onChange={(e) => setOwner(e.target.value)} className={inputClass}>
            <option value="">Nobody yet</option>
            {platformPeople.map((p) => (
              <option key={p.email} value={p.email}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {error && !error.fieldErrors ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
      <Button type="submit" variant="secondary" disabled={pending || owner === (item.ownerEmail ?? '')}>
        {pending ? 'Saving…' : 'Save owner'}
      </Button>
    </form>
  );
}

function KnownIssueToggle({ item }: { item: TriageItem }) {
  const { run, pending, error } = useFeedbackAction(setKnownIssueAction);
  // Shows the new state at once; falls back to the server's if the change is refused.
  const [checked, setChecked] = useOptimistic(item.knownIssue);
  return (
    <div>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending || (!item.bannerPlace && !item.knownIssue)}
          onChange={(e) => {
            const knownIssue = e.target.checked;
            run({ id: item.id, knownIssue }, undefined, () => setChecked(knownIssue));
          }}
          aria-describedby="known-issue-hint"
          className="mt-0.5 accent-brand-700"
        />
        <span>Known issue</span>
      </label>
      <p id="known-issue-hint" className="ml-6 text-xs text-slate-600">
        {item.bannerPlace
          ? `Shows a banner on ${item.bannerPlace} until it is resolved.`
          : 'Only for items about an app or a guide: the banner shows on that page.'}
      </p>
      {error ? <p role="alert" className="ml-6 text-sm text-red-700">{error.message}</p> : null}
    </div>
  );
}

function LinkForm({ id }: { id: number }) {
  const [ref, setRef] = useState('');
  const { run, pending, error, fieldErrors } = useFeedbackAction(addLinkAction);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run({ id, ref }, () => setRef(''));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <FormField id="triage-link" label="Link a fix" hint="A commit sha, a change request (change:42) or an https:// link." error={fieldErrors.ref}>
        {(props) => <input {...props} type="text" value={ref} onChange={(e) => setRef(e.target.value)} className={`${inputClass} font-mono`} />}
      </FormField>
      {error && !error.fieldErrors ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
      <Button type="submit" variant="secondary" disabled={pending || !ref.trim()}>
        {pending ? 'Linking…' : 'Link'}
      </Button>
    </form>
  );
}
