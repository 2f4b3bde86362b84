'use client';

import type { FileConflict } from '@/lib/gitops/commit-change';
import { Button } from '@/components/ui/button';

// Someone saved this file after you started: show both versions; nothing was overwritten.
export function ConflictPanel({ conflict, onUseLatest, onKeepMine }: { conflict: FileConflict; onUseLatest: () => void; onKeepMine: () => void }) {
  return (
    <section role="alert" aria-labelledby="conflict-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="conflict-title" className="font-semibold text-amber-900">
        Someone changed {conflict.path} after you started editing
      </h2>
      <p className="mt-1 text-sm text-amber-900">Nothing was overwritten. Compare the two versions, then continue from the latest one.</p>
      <div className="mt-3 grid gap-3 lg:grid-cols-2">
        <figure>
          <figcaption className="text-sm font-medium text-slate-900">The latest version (in the repository now)</figcaption>
          <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-white p-3 text-xs ring-1 ring-slate-200">{conflict.headText ?? '(deleted)'}</pre>
        </figure>
        <figure>
          <figcaption className="text-sm font-medium text-slate-900">Your version</figcaption>
          <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-white p-3 text-xs ring-1 ring-slate-200">{conflict.proposedText ?? '(deleted)'}</pre>
        </figure>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={onUseLatest}>
          Start again from the latest version
        </Button>
        <Button type="button" onClick={onKeepMine}>
          Keep my version on top of the latest
        </Button>
      </div>
    </section>
  );
}
