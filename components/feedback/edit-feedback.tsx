'use client';

import { type FormEvent, useState } from 'react';
import { editFeedbackAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { fieldErrorsFor, loadFeedbackSchemas } from './check-input';
import { type FeedbackFieldValues, FeedbackFields, feedbackFieldsInput } from './feedback-fields';
import { useFeedbackAction } from './use-feedback-action';

/** The reporter rewords their item while it is new (the policy says until it is triaged). */
export function EditFeedback({ id, initial }: { id: number; initial: FeedbackFieldValues }) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const { run, pending, error, fieldErrors } = useFeedbackAction(editFeedbackAction);

  if (!editing) {
    return (
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setValues(initial);
          setEditing(true);
        }}
      >
        Edit
      </Button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { id, ...feedbackFieldsInput(values) };
    const invalid = await fieldErrorsFor((schemas) => schemas.editFeedbackSchema, input);
    if (invalid) {
      setLocalErrors(invalid);
      return;
    }
    setLocalErrors({});
    run(input, () => setEditing(false));
  };

  return (
    <form onSubmit={(event) => void submit(event)} onFocus={() => void loadFeedbackSchemas()} noValidate aria-label="Edit your feedback" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FeedbackFields values={values} onChange={setValues} errors={{ ...fieldErrors, ...localErrors }} />
      {error && !error.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
