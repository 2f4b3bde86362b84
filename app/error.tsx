'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
