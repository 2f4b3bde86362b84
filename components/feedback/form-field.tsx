import type { ReactNode } from 'react';

// A labelled control with its hint, error and an optional character count, wired for screen
// readers: the control gets aria-describedby/aria-invalid through the render prop.
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function FormField({
  id,
  label,
  hint,
  error,
  count,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[];
  count?: { value: number; max: number };
  children: (props: FieldControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const over = count ? count.value > count.max : false;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          {label}
        </label>
        {count ? (
          <span className={`text-xs tabular-nums ${over ? 'font-medium text-red-700' : 'text-slate-500'}`}>
            {count.value.toLocaleString('en-US')} / {count.max.toLocaleString('en-US')}
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1">{children({ id, 'aria-describedby': describedBy, 'aria-invalid': error?.length ? true : undefined })}</div>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string[] }) {
  if (!error?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {error.join(' ')}
    </p>
  );
}

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600';

/** One filter of a GET form (the board's, the activity report's): a small label over a select whose empty choice, `any`, means no filter. */
export function FilterSelect({ id, name, label, value, options, any }: { id: string; name: string; label: string; value: string | undefined; options: { value: string; label: string }[]; any?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={`${inputClass} mt-1`}>
        {any ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
