'use client';
// Above production lines: likely patient data is masked, and "Show unmasked" asks why first — for
// the whole view (15 minutes) or for the one line picked. The answer is recorded with the reason.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatLogTime } from './log-row';
import type { Unmask } from './use-unmask';
import { formatTime } from '@/lib/text/format-time';

export function MaskingBar({ unmask }: { unmask: Unmask }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const { asking, grant } = unmask;
  useEffect(() => {
    if (asking) field.current?.focus();
  }, [asking]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void unmask.submit(reason);
  };

  return (
    <section aria-label="Likely patient data" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      {grant ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>
            Showing lines <strong>unmasked</strong> until {formatTime(grant.expiresAt, 'minute')}: every read is recorded with
            your reason.
          </span>
          <Button variant="secondary" onClick={unmask.end}>
            Mask again
          </Button>
        </p>
      ) : (
        <p className="flex flex-wrap items-center gap-2">
          <span>Likely patient data (emails, phone numbers, SSNs, MRNs, dates of birth, patient ids in URLs, tokens, client addresses) is masked.</span>
          {asking?.scope === 'page' ? null : (
            <Button variant="secondary" onClick={unmask.askForPage}>
              Show unmasked…
            </Button>
          )}
        </p>
      )}
      {asking ? (
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
            onChange={(event) => setReason(event.target.value)}
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
      ) : null}
    </section>
  );
}
