'use client';

import type { ValuesEffect } from '@/lib/values';
import { Badge } from '@/components/ui/badge';
import { DiffLines } from '@/components/ui/diff-lines';

export function ChangesView({ original, text, effects, environment, affects }: { original: string; text: string; effects: ValuesEffect[]; environment: string; affects: string[] }) {
  if (original === text) return <p className="text-sm text-slate-600">No changes yet. Edit in the Form or YAML tab.</p>;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-labelledby="effects-title">
        <h3 id="effects-title" className="font-semibold text-slate-900">
          What this does in {environment}
        </h3>
        {affects.length > 1 ? <p className="text-xs text-slate-600">This file is read by {affects.join(' and ')}; the effects below are for {environment}.</p> : null}
        {effects.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No effect on what runs (comments or formatting only).</p>
        ) : (
          <ul className="mt-2 space-y-2" aria-label="Effects">
            {effects.map((effect) => (
              <li key={effect.path + effect.summary} className="rounded-md border border-slate-200 p-2 text-sm">
                <p className="text-slate-900">{effect.summary}</p>
                <p className="mt-1 flex flex-wrap gap-2 text-xs text-slate-600">
                  {effect.restartsPods ? <Badge tone="warn">pods restart</Badge> : null}
                  {effect.aptible ? <span>On Aptible: {effect.aptible}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="diff-title">
        <h3 id="diff-title" className="font-semibold text-slate-900">
          Diff against the current version
        </h3>
        <DiffLines before={original} after={text} className="mt-2 max-h-[32rem]" />
      </section>
    </div>
  );
}
