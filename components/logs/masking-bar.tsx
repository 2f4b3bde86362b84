'use client';
// Above production lines: likely patient data is masked, and "Show unmasked" asks why first — for
// the whole view (15 minutes) or for the one line picked. The answer is recorded with the reason.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LoadBoundary } from '@/components/ui/load-boundary';
import type { Unmask } from './use-unmask';
import { formatTime } from '@/lib/text/format-time';

// The reason form opens on "Show unmasked…" (or a line's unmask button): its code loads with the
// bar, after the page, so it is there by the time anyone asks.
const loadReasonForm = () => import('./unmask-reason-form');
const UnmaskReasonForm = lazy(() => loadReasonForm().then((module) => ({ default: module.UnmaskReasonForm })));

export function MaskingBar({ unmask }: { unmask: Unmask }) {
  const { asking, grant } = unmask;
  const [reason, setReason] = useState('');
  useEffect(() => {
    void loadReasonForm();
  }, []);

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
        <LoadBoundary what="The form to show lines unmasked" className="mt-2 text-red-800">
          <Suspense
            fallback={
              <p role="status" className="mt-2">
                Loading the form…
              </p>
            }
          >
            <UnmaskReasonForm unmask={unmask} asking={asking} reason={reason} onReason={setReason} />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </section>
  );
}
