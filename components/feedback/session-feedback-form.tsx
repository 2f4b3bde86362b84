'use client';

import { type FormEvent, useId, useState } from 'react';
import { saveSessionFeedbackAction } from '@/lib/feedback/actions';
import { Button } from '@/components/ui/button';
import { SHORT_TEXT_MAX } from '@/lib/feedback/feedback-terms';
import { fieldErrorsFor, loadFeedbackSchemas } from './check-input';
import { FieldError, FormField, inputClass } from './form-field';
import { useFeedbackAction } from './use-feedback-action';

const RATING_WORDS = ['Not useful', 'Somewhat useful', 'Useful', 'Very useful', 'Excellent'] as const;

export interface SessionFeedbackValues {
  rating: number | null;
  clear: string;
  unclear: string;
  nextTopics: string;
}

export function SessionFeedbackForm({ sessionId, initial, hasRating }: { sessionId: string; initial: SessionFeedbackValues; hasRating: boolean }) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const { run, pending, error, fieldErrors } = useFeedbackAction(saveSessionFeedbackAction);
  const errors = { ...fieldErrors, ...localErrors };
  const set = <K extends keyof SessionFeedbackValues>(key: K, value: SessionFeedbackValues[K]) => {
    setSaved(null);
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { sessionId, rating: values.rating ?? undefined, clear: values.clear, unclear: values.unclear, nextTopics: values.nextTopics };
    const invalid = await fieldErrorsFor((schemas) => schemas.sessionFeedbackSchema, input);
    if (invalid) {
      setLocalErrors(invalid);
      return;
    }
    setLocalErrors({});
    run(input, (data) => setSaved(data.created ? 'Thanks — your rating is saved.' : 'Your feedback is updated.'));
  };

  const text = (key: 'clear' | 'unclear' | 'nextTopics', label: string) => (
    <FormField id={`${id}-${key}`} label={label} error={errors[key]} count={{ value: values[key].length, max: SHORT_TEXT_MAX }}>
      {(props) => <textarea {...props} rows={3} value={values[key]} onChange={(e) => set(key, e.target.value)} className={inputClass} />}
    </FormField>
  );

  return (
    <form onSubmit={(event) => void submit(event)} onFocus={() => void loadFeedbackSchemas()} noValidate aria-label="Rate this session" className="space-y-4">
      <fieldset aria-describedby={errors.rating ? `${id}-rating-error` : undefined}>
        <legend className="text-sm font-medium text-slate-900">How useful was it?</legend>
        <div className="mt-1 flex flex-wrap gap-1">
          {RATING_WORDS.map((word, i) => {
            const rating = i + 1;
            const checked = values.rating === rating;
            return (
              <label
                key={rating}
                className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${
                  checked ? 'border-brand-600 bg-brand-50 text-brand-900' : 'border-slate-200 hover:bg-slate-50'
                }`}
              >
                <input type="radio" name={`${id}-rating`} value={rating} checked={checked} onChange={() => set('rating', rating)} className="accent-brand-700" />
                <span className="font-semibold tabular-nums">{rating}</span>
                <span className="text-xs text-slate-600">{word}</span>
              </label>
            );
          })}
        </div>
        <FieldError id={`${id}-rating-error`} error={errors.rating} />
      </fieldset>
      {text('clear', 'What was clear?')}
      {text('unclear', 'What was not clear?')}
      {text('nextTopics', 'What should a next session cover?')}
      {error && !error.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : hasRating ? 'Update my feedback' : 'Send my feedback'}
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {saved}
        </p>
      </div>
    </form>
  );
}
