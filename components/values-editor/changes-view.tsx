'use client';

import { RESTART_REASON, type ValuesEffect } from '@/lib/values';
import { DiffLines } from '@/components/ui/diff-lines';

interface ChangesViewProps {
  original: string;
  text: string;
  effects: ValuesEffect[];
  environment: string;
  affects: string[];
  /** "All scheduler pods in stage restart: api 4, reminders 1." (null: the values do not parse). */
  restarts: string | null;
}

export function ChangesView({ original, text, effects, environment, affects, restarts }: ChangesViewProps) {
  if (original === text) return <p className="text-sm text-slate-600">No changes yet. Edit in the Form or YAML tab.</p>;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-labelledby="effects-title" className="min-w-0">
        <h3 id="effects-title" className="font-semibold text-slate-900">
          What this does in {environment}
        </h3>
        {affects.length > 1 ? <p className="text-xs text-slate-600">This file is read by {affects.join(' and ')}; the effects below are for {environment}.</p> : null}
        {effects.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">The values stay the same (comments or formatting only).</p>
        ) : (
          <ul className="mt-2 space-y-2" aria-label="Effects">
            {effects.map((effect) => (
              <li key={effect.path + effect.summary} className="rounded-md border border-slate-200 p-2 text-sm">
                <p className="text-slate-900">{effect.summary}</p>
                {effect.aptible ? <p className="mt-1 text-xs text-slate-600">On Aptible: {effect.aptible}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {restarts ? (
          <div role="note" aria-label="Pods that restart" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">{restarts}</p>
            <p className="mt-1 text-xs">{RESTART_REASON}</p>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="diff-title" className="min-w-0">
        <h3 id="diff-title" className="font-semibold text-slate-900">
          Diff against the current version
        </h3>
        <DiffLines before={original} after={text} className="mt-2 max-h-[32rem]" />
      </section>
    </div>
  );
}
