'use client';

import { Button } from '@/components/ui/button';
import { REPOSITORY_UNREADABLE_DIGEST } from '@/lib/gitops/repository-damaged-error';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === REPOSITORY_UNREADABLE_DIGEST) {
    return (
      <div role="alert" className="mx-auto max-w-xl py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-900">The config repository cannot be read</h1>
        <p className="mt-3 text-slate-600">
          Berth shows nothing from it rather than guess: apps, values and change requests appear again once the platform team has repaired
          it. Until then saves and approvals are refused, so nothing changes. Berth&apos;s readiness check (<code>/api/readyz</code>) says what is
          wrong.
        </p>
        <div className="mt-6">
          <Button onClick={reset}>Try again</Button>
        </div>
      </div>
    );
  }
  return (
    <div role="alert" className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong on this page</h1>
      <p className="mt-3 text-slate-600">
        Nothing you saved was lost. Try again; if it keeps happening, file feedback and quote this reference:
      </p>
      <p className="mt-2 font-mono text-sm text-slate-800">{error.digest ?? 'no reference'}</p>
      <div className="mt-6">
        <Button onClick={reset}>Try again</Button>
      </div>
    </div>
  );
}
