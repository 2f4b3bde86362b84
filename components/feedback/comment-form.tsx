'use client';

import { type FormEvent, useState } from 'react';
import { addCommentAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { COMMENT_MAX } from '@/lib/feedback/feedback-terms';
import { fieldErrorsFor, loadFeedbackSchemas } from './check-input';
import { FormField, inputClass } from './form-field';
import { useFeedbackAction } from './use-feedback-action';

export function CommentForm({ id }: { id: number }) {
  const [body, setBody] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const { run, pending, error, fieldErrors } = useFeedbackAction(addCommentAction);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await fieldErrorsFor((schemas) => schemas.addCommentSchema, { id, body });
    if (invalid) {
      setLocalErrors(invalid);
      return;
    }
    setLocalErrors({});
    run({ id, body }, () => setBody(''));
  };

  const errors = { ...fieldErrors, ...localErrors };
  return (
    <form onSubmit={(event) => void submit(event)} onFocus={() => void loadFeedbackSchemas()} noValidate aria-label="Add a comment" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <FormField id={`comment-${id}`} label="Add a comment" hint="Markdown works. The reporter sees it under My feedback." error={errors.body} count={{ value: body.length, max: COMMENT_MAX }}>
        {(props) => <textarea {...props} rows={4} value={body} onChange={(e) => setBody(e.target.value)} className={inputClass} />}
      </FormField>
      {error && !error.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? 'Posting…' : 'Comment'}
        </Button>
      </div>
    </form>
  );
}
