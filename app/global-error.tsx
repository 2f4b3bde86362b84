'use client';

import { REPOSITORY_UNREADABLE_DIGEST } from '@/lib/gitops/repository-damaged-error';

// Last resort when the root layout itself fails: no app chrome, plain HTML.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem', textAlign: 'center' }}>
        {error.digest === REPOSITORY_UNREADABLE_DIGEST ? (
          <>
            <h1>The config repository cannot be read</h1>
            <p>
              Berth shows nothing from it rather than guess; saves and approvals are refused until the platform team has repaired it. Its
              readiness check (/api/readyz) says what is wrong.
            </p>
          </>
        ) : (
          <>
            <h1>Berth could not load</h1>
            <p>Nothing you saved was lost. Reference: {error.digest ?? 'none'}</p>
          </>
        )}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
