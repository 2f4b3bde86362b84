'use client';

import { diffLines } from 'diff';
import type { ValuesEffect } from '@/lib/values';
import { Badge } from '@/components/ui/badge';

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
        <pre className="mt-2 max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-2 text-xs ring-1 ring-slate-200" aria-label="Diff">
          {diffLines(original, text).map((part, i) =>
            part.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line, j) => (
                <span
                  key={`${i}-${j}`}
                  className={`block ${part.added ? 'bg-emerald-100 text-emerald-900' : part.removed ? 'bg-red-100 text-red-900' : 'text-slate-600'}`}
                >
                  {part.added ? '+ ' : part.removed ? '- ' : '  '}
                  {line}
                </span>
              )),
          )}
        </pre>
      </section>
    </div>
  );
}
