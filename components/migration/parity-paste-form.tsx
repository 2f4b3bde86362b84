'use client';
// Paste what the Aptible CLI printed; Berth reads names and shapes and compares them with the
// values. The boxes are emptied once the names are recorded, so values do not linger on screen;
// spellcheck is off, so no browser service is sent the text either.
import { useRouter } from 'next/navigation';
import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { checkParityAction } from '@/lib/migration/actions';
import type { ParityCheck, PasteName } from '@/lib/migration/check-parity';

// The comparison table shows only after "Compare": its code loads then (the recorded report above
// the form is rendered by the server).
const ParityReportView = lazy(() => import('./parity-report').then((module) => ({ default: module.ParityReportView })));

const BOXES: { name: PasteName; command: (app: string) => string }[] = [
  { name: 'config', command: (app) => `aptible config --app ${app}` },
  { name: 'services', command: (app) => `aptible services --app ${app}` },
  { name: 'endpoints', command: (app) => `aptible endpoints:list --app ${app}` },
];

export function ParityPasteForm({ app, aptibleApp, revision, environments, canRecord }: { app: string; aptibleApp: string; revision: string; environments: string[]; canRecord: boolean }) {
  const router = useRouter();
  const [texts, setTexts] = useState<Record<PasteName, string>>({ config: '', services: '', endpoints: '' });
  const [busy, setBusy] = useState<'compare' | 'record' | null>(null);
  const [error, setError] = useState<{ message: string; which?: PasteName } | null>(null);
  const [result, setResult] = useState<ParityCheck | null>(null);

  const submit = async (save: boolean) => {
    setBusy(save ? 'record' : 'compare');
    setError(null);
    let answer;
    try {
      answer = await checkParityAction({ app, baseRevision: revision, save, ...texts });
    } catch {
      setBusy(null);
      return setError({ message: 'Berth could not be reached; nothing was recorded. Try again.' });
    }
    setBusy(null);
    if (!answer.ok) {
      const details = answer.error.details as { paste?: { which: PasteName } } | undefined;
      setResult(null);
      return setError({ message: answer.error.message, which: details?.paste?.which });
    }
    setResult(answer.data);
    if (answer.data.recorded) {
      setTexts({ config: '', services: '', endpoints: '' });
      router.refresh();
    }
  };

  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        {BOXES.map((box) => {
          const id = `paste-${box.name}`;
          const invalid = error?.which === box.name;
          return (
            <div key={box.name}>
              <label htmlFor={id} className="block text-sm font-medium text-slate-800">
                Output of <code>{box.command(aptibleApp)}</code>
              </label>
              <textarea
                id={id}
                rows={5}
                value={texts[box.name]}
                onChange={(e) => setTexts((t) => ({ ...t, [box.name]: e.target.value }))}
                spellCheck={false}
                autoComplete="off"
                autoCorrect="off"
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? 'paste-error' : undefined}
                className={`mt-1 w-full rounded-md border px-2 py-1.5 font-mono text-xs ${invalid ? 'border-red-600' : 'border-slate-300'}`}
              />
            </div>
          );
        })}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="secondary" disabled={busy !== null}>
            {busy === 'compare' ? 'Comparing…' : 'Compare'}
          </Button>
          {canRecord ? (
            <Button type="button" disabled={busy !== null} onClick={() => void submit(true)}>
              {busy === 'record' ? 'Recording…' : 'Compare and record the names'}
            </Button>
          ) : null}
        </div>
        {error ? (
          <p id="paste-error" role="alert" className="text-sm text-red-800">
            {error.message}
          </p>
        ) : null}
      </form>
      {result ? (
        <div className="rounded-md border border-slate-200 p-3" aria-label="Comparison of the paste">
          <p className="mb-2 text-sm text-slate-700" role="status">
            {result.recorded
              ? result.recorded.status === 'committed'
                ? `Recorded in migration.yaml (${result.recorded.revision.slice(0, 7)}), names only. The boxes were emptied.`
                : 'migration.yaml already records these names.'
              : 'Compared only: nothing was recorded.'}{' '}
            Read: {Object.entries(result.read).map(([which, n]) => `${n} ${which === 'config' ? 'config keys' : which}`).join(', ')}.
            {result.commandsWithheld.length > 0 ? ` The command of ${result.commandsWithheld.join(', ')} looked like it carried a credential: Berth kept “CMD” instead.` : ''}
          </p>
          {result.recorded ? null : (
            <LoadBoundary what="The comparison">
              <Suspense
                fallback={
                  <p role="status" className="text-sm text-slate-600">
                    Loading the comparison…
                  </p>
                }
              >
                <ParityReportView report={result.report} environments={environments} />
              </Suspense>
            </LoadBoundary>
          )}
        </div>
      ) : null}
    </div>
  );
}
