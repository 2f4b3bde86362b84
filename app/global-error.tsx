'use client';

// Last resort when the root layout itself fails: no app chrome, plain HTML.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem', textAlign: 'center' }}>
        <h1>Berth could not load</h1>
        <p>Nothing you saved was lost. Reference: {error.digest ?? 'none'}</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
