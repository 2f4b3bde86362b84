'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { Result } from '@/lib/result/result';
import { contextFromPath, defaultKindFor } from '@/lib/feedback/page-context';
import { type FeedbackContext, newFeedbackSchema } from '@/lib/feedback/schemas';
import { fieldErrorsOf } from '@/lib/result/result';
import { emptyFeedbackFields, type FeedbackFieldValues, FeedbackFields, feedbackFieldsInput } from './feedback-fields';
import { FieldError, FormField, inputClass } from './form-field';
import type { LauncherApp } from './feedback-launcher';
import { refreshUnreadFeedbackCount } from './unread-updates-query';

/**
 * The feedback dialog. It starts from where the person is (the URL says which app, environment,
 * guide or session) and keeps their draft when they close it without sending. It stays mounted
 * once loaded; each new `openRequest` opens it again.
 */
export default function FeedbackDialog({
  apps,
  createFeedback,
  openRequest,
}: {
  apps: LauncherApp[];
  createFeedback: (raw: unknown) => Promise<Result<{ id: number }>>;
  openRequest: number;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const [fields, setFields] = useState<FeedbackFieldValues>(() => emptyFeedbackFields('app-problem'));
  const [context, setContext] = useState<FeedbackContext>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [filed, setFiled] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const show = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    const here = contextFromPath(window.location.pathname, new URLSearchParams(window.location.search));
    setContext(here);
    // A draft survives closing the dialog; a blank form follows the page it is opened on.
    setFields((draft) => (draft.title || draft.description ? draft : emptyFeedbackFields(defaultKindFor(here))));
    setErrors({});
    setFormError(null);
    setFiled(null);
    dialog.showModal();
    requestAnimationFrame(() => titleRef.current?.focus());
  }, []);

  useEffect(() => {
    if (openRequest > 0) show();
  }, [openRequest, show]);

  // After a refused submission, take the person to the first field that needs them.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const dialog = dialogRef.current;
    // Text fields carry aria-invalid; a radio group's error hangs off its fieldset instead.
    (dialog?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? dialog?.querySelector<HTMLElement>('fieldset[aria-describedby] input'))?.focus();
  }, [errors]);

  useEffect(() => {
    if (filed !== null) successRef.current?.focus();
  }, [filed]);

  const close = () => dialogRef.current?.close();

  const app = apps.find((a) => a.name === context.app);
  const input = { ...feedbackFieldsInput(fields), context };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = newFeedbackSchema.safeParse(input);
    const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
    if (context.app && !app) fieldErrors['context.app'] = [`There is no app called ${context.app}. Choose one from the list, or none.`];
    if (Object.keys(fieldErrors).length > 0) {
      setErrors(fieldErrors);
      return;
    }
    startTransition(async () => {
      const result = await createFeedback(input);
      if (result.ok) {
        setFiled(result.data.id);
        setFields(emptyFeedbackFields(fields.kind));
        setErrors({});
        await refreshUnreadFeedbackCount();
        router.refresh();
        return;
      }
      setFormError(result.error.message);
      setErrors(result.error.fieldErrors ?? {});
    });
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-heading`}
      className="m-auto max-h-[92vh] w-[min(44rem,calc(100vw-2rem))] overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={`${id}-heading`} className="text-lg font-semibold">
            Send feedback to the platform team
          </h2>
          <p className="text-sm text-slate-600">The migration working group reads every item and triages them weekly.</p>
        </div>
        <button type="button" onClick={close} className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900" aria-label="Close">
          <span aria-hidden>✕</span>
        </button>
      </div>

      {filed !== null ? (
        <div ref={successRef} tabIndex={-1} role="status" className="space-y-4 px-5 py-6 outline-none">
          <p className="text-base font-medium text-slate-900">Thanks — it is filed as #{filed}.</p>
          <p className="text-sm text-slate-600">
            You will see the platform team’s replies and status changes under <Link href="/feedback/mine" onClick={close}>My feedback</Link>.
          </p>
          <div className="flex flex-wrap gap-2">
            <Link
              href={`/feedback/${filed}`}
              onClick={close}
              className="inline-flex items-center rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
            >
              Open #{filed}
            </Link>
            <Button type="button" variant="secondary" onClick={() => setFiled(null)}>
              File another
            </Button>
            <Button type="button" variant="ghost" onClick={close}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4 px-5 py-4">
          <ContextFields apps={apps} context={context} onChange={setContext} errors={errors} idPrefix={id} />
          <FeedbackFields values={fields} onChange={setFields} errors={errors} titleRef={titleRef} />
          {formError ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              {formError}
            </p>
          ) : null}
          <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
            <Button type="button" variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Sending…' : 'Send feedback'}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function ContextFields({
  apps,
  context,
  onChange,
  errors,
  idPrefix,
}: {
  apps: LauncherApp[];
  context: FeedbackContext;
  onChange: (context: FeedbackContext) => void;
  errors: Record<string, string[]>;
  idPrefix: string;
}) {
  const app = apps.find((a) => a.name === context.app);
  const unknownApp = context.app && !app ? context.app : null;
  const contextErrors = [...(errors['context.guide'] ?? []), ...(errors['context.session'] ?? []), ...(errors['context.page'] ?? [])];
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={`${idPrefix}-app`} label="App" error={errors['context.app']}>
          {(props) => (
            <select
              {...props}
              value={context.app ?? ''}
              onChange={(e) => onChange({ ...context, app: e.target.value || undefined, environment: undefined })}
              className={inputClass}
            >
              <option value="">Not about one app</option>
              {unknownApp ? <option value={unknownApp}>{unknownApp} (not in the catalog)</option> : null}
              {apps.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${idPrefix}-environment`} label="Environment" error={errors['context.environment']}>
          {(props) => (
            <select
              {...props}
              value={context.environment ?? ''}
              disabled={!app}
              onChange={(e) => onChange({ ...context, environment: (e.target.value || undefined) as FeedbackContext['environment'] })}
              className={`${inputClass} disabled:bg-slate-100 disabled:text-slate-500`}
            >
              <option value="">{app ? 'Any environment' : 'Choose an app first'}</option>
              {app?.environments.map((env) => (
                <option key={env} value={env}>
                  {env}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <ul aria-label="Also about" className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {context.guide ? (
          <ContextChip label={`Guide: ${context.guide}`} onRemove={() => onChange({ ...context, guide: undefined })} removeLabel="Not about this guide" />
        ) : null}
        {context.session ? (
          <ContextChip label={`Session: ${context.session}`} onRemove={() => onChange({ ...context, session: undefined })} removeLabel="Not about this session" />
        ) : null}
        {context.page ? (
          <li className="text-xs text-slate-500">
            Sent from <span className="font-mono">{context.page}</span>
          </li>
        ) : null}
      </ul>
      <FieldError id={`${idPrefix}-context-error`} error={contextErrors.length ? contextErrors : undefined} />
    </div>
  );
}

function ContextChip({ label, onRemove, removeLabel }: { label: string; onRemove: () => void; removeLabel: string }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full bg-white px-2 py-0.5 ring-1 ring-slate-300">
      {label}
      <button type="button" onClick={onRemove} aria-label={removeLabel} className="rounded-full px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        <span aria-hidden>✕</span>
      </button>
    </li>
  );
}
