'use client';

import { type Ref, useId } from 'react';
import {
  DESCRIPTION_MAX,
  FEEDBACK_KINDS,
  type FeedbackKind,
  feedbackKindLabels,
  SEVERITIES,
  type Severity,
  severityLabels,
  TITLE_MAX,
} from '@/lib/feedback/feedback-terms';
import { FieldError, FormField, inputClass } from './form-field';

export interface FeedbackFieldValues {
  kind: FeedbackKind;
  title: string;
  description: string;
  severity: Severity | '';
  workedOnAptible: boolean;
}

export const emptyFeedbackFields = (kind: FeedbackKind): FeedbackFieldValues => ({
  kind,
  title: '',
  description: '',
  severity: '',
  workedOnAptible: false,
});

/** What the schema wants from the field values (the empty severity is "not chosen"). */
export const feedbackFieldsInput = (values: FeedbackFieldValues) => ({
  kind: values.kind,
  title: values.title,
  description: values.description,
  severity: values.severity || undefined,
  workedOnAptible: values.kind === 'app-problem' || values.kind === 'config-question' ? values.workedOnAptible : false,
});

// The fields shared by the feedback dialog and the reporter's edit form.
export function FeedbackFields({
  values,
  onChange,
  errors,
  titleRef,
}: {
  values: FeedbackFieldValues;
  onChange: (values: FeedbackFieldValues) => void;
  errors: Record<string, string[]>;
  titleRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const set = <K extends keyof FeedbackFieldValues>(key: K, value: FeedbackFieldValues[K]) => onChange({ ...values, [key]: value });
  return (
    <div className="space-y-4">
      <fieldset aria-describedby={errors.kind ? `${id}-kind-error` : undefined}>
        <legend className="text-sm font-medium text-slate-900">What is it about?</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {FEEDBACK_KINDS.map((kind) => (
            <label
              key={kind}
              className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${
                values.kind === kind ? 'border-brand-600 bg-brand-50 text-brand-900' : 'border-slate-200 hover:bg-slate-50'
              }`}
            >
              <input type="radio" name={`${id}-kind`} value={kind} checked={values.kind === kind} onChange={() => set('kind', kind)} className="accent-brand-700" />
              {feedbackKindLabels[kind]}
            </label>
          ))}
        </div>
        <FieldError id={`${id}-kind-error`} error={errors.kind} />
      </fieldset>

      {values.kind === 'app-problem' ? (
        <fieldset aria-describedby={errors.severity ? `${id}-severity-error` : undefined}>
          <legend className="text-sm font-medium text-slate-900">How bad is it?</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-3">
            {SEVERITIES.map((severity) => (
              <label
                key={severity}
                className={`flex cursor-pointer items-start gap-2 rounded-md border px-3 py-1.5 text-sm ${
                  values.severity === severity ? 'border-brand-600 bg-brand-50' : 'border-slate-200 hover:bg-slate-50'
                }`}
              >
                <input
                  type="radio"
                  name={`${id}-severity`}
                  value={severity}
                  checked={values.severity === severity}
                  onChange={() => set('severity', severity)}
                  className="mt-1 accent-brand-700"
                />
                <span>
                  <span className="block font-medium text-slate-900">{severityLabels[severity].label}</span>
                  <span className="block text-xs text-slate-600">{severityLabels[severity].hint}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id={`${id}-severity-error`} error={errors.severity} />
        </fieldset>
      ) : null}

      <FormField id={`${id}-title`} label="Title" error={errors.title} count={{ value: values.title.length, max: TITLE_MAX }}>
        {(props) => (
          <input
            {...props}
            ref={titleRef}
            type="text"
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            placeholder="e.g. The worker restarts every hour since the cutover"
            className={inputClass}
          />
        )}
      </FormField>

      <FormField
        id={`${id}-description`}
        label="Description"
        hint="What did you do, what did you expect, what happened? Markdown works: **bold**, `code`, lists and links."
        error={errors.description}
        count={{ value: values.description.length, max: DESCRIPTION_MAX }}
      >
        {(props) => (
          <textarea {...props} rows={6} value={values.description} onChange={(e) => set('description', e.target.value)} className={`${inputClass} font-mono`} />
        )}
      </FormField>

      {values.kind === 'app-problem' || values.kind === 'config-question' ? (
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={values.workedOnAptible}
            onChange={(e) => set('workedOnAptible', e.target.checked)}
            className="mt-0.5 accent-brand-700"
          />
          <span>
            It worked on Aptible and is broken on GCP
            <span className="block text-xs text-slate-600">These are the migration regressions the platform team looks at first.</span>
          </span>
        </label>
      ) : null}
    </div>
  );
}
