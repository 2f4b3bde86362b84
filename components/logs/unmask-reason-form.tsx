'use client';
// Why the reader needs lines unmasked (the whole view for 15 minutes, or the one line picked):
// the reason is required and recorded with every read it allows.
import { type FormEvent, useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { formatLogTime } from './log-row';
import type { Unmask, UnmaskAsk } from './use-unmask';

/** `reason` is kept by the bar, so a cancelled answer is still there when the reader asks again. */
export function UnmaskReasonForm({ unmask, asking, reason, onReason }: { unmask: Unmask; asking: UnmaskAsk; reason: string; onReason: (reason: string) => void }) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, [asking]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void unmask.submit(reason);
  };

  return (
    <form onSubmit={submit} className="mt-2 space-y-2" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-reason`} className="block font-medium">
        {asking.scope === 'page'
          ? 'Why do you need these lines unmasked? (15 minutes, recorded)'
          : `Why do you need the line at ${formatLogTime(asking.entry.time)} (${asking.entry.pod}) unmasked? (recorded)`}
      </label>
      <textarea
        id={`${id}-reason`}
        ref={field}
        required
        minLength={15}
        maxLength={500}
        rows={2}
        value={reason}
        onChange={(event) => onReason(event.target.value)}
        className="block w-full max-w-2xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900"
      />
      {unmask.failure ? (
        <p role="alert" className="text-red-800">
          {unmask.failure}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={unmask.sending}>
          {unmask.sending ? 'Unmasking…' : 'Show unmasked'}
        </Button>
        <Button type="button" variant="secondary" onClick={unmask.cancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
