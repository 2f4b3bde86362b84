'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { Concept } from '@/lib/guides/schemas';

export type ConceptRow = Concept & { guideTitle: string | null };

function matches(concept: ConceptRow, words: string[]): boolean {
  const haystack = [concept.aptible, concept.aptibleDescription, concept.gcp, concept.whereItLives, concept.valuesKey ?? '', concept.note ?? '', concept.guideTitle ?? '']
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Every Aptible concept and its GCP/GKE equivalent, filtered as you type (all words must match). */
export function ConceptMap({ concepts }: { concepts: ConceptRow[] }) {
  const [query, setQuery] = useState('');
  const words = useMemo(() => query.toLowerCase().split(/\s+/).filter(Boolean), [query]);
  const visible = useMemo(() => concepts.filter((concept) => matches(concept, words)), [concepts, words]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex min-w-64 flex-1 items-center gap-2">
          <span className="sr-only">Filter concepts</span>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Filter: log drain, secrets, replicas, IAP…"
            className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
        </label>
        <p className="text-sm text-slate-600" aria-live="polite">
          {visible.length === concepts.length ? `${concepts.length} concepts` : `${visible.length} of ${concepts.length} concepts`}
        </p>
      </div>

      {visible.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="font-medium text-slate-900">No concept matches “{query.trim()}”</p>
          <p className="mt-2 text-sm text-slate-600">
            Try an Aptible word (endpoint, drain, container) or a GCP one (Service, Secret Manager).{' '}
            <button type="button" onClick={() => setQuery('')} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              Clear the filter
            </button>
          </p>
        </div>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Aptible concepts and their GCP/GKE equivalents</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="w-1/4 px-4 py-2 font-semibold text-slate-900">
                  On Aptible
                </th>
                <th scope="col" className="w-1/4 px-4 py-2 font-semibold text-slate-900">
                  On GCP / GKE
                </th>
                <th scope="col" className="w-1/4 px-4 py-2 font-semibold text-slate-900">
                  Where it lives
                </th>
                <th scope="col" className="px-4 py-2 font-semibold text-slate-900">
                  Learn more
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((concept) => (
                <tr key={concept.id} id={concept.id} className="scroll-mt-6 border-t border-slate-100 align-top target:bg-amber-50">
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <span className="block font-semibold text-slate-900">{concept.aptible}</span>
                    <span className="mt-1 block text-slate-600">{concept.aptibleDescription}</span>
                  </th>
                  <td className="px-4 py-3 text-slate-800">
                    {concept.gcp}
                    {concept.note ? (
                      <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-950">
                        <span className="font-semibold">Note:</span> {concept.note}
                      </p>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {concept.valuesKey ? (
                      <span className="mb-1 block">
                        <span className="sr-only">Values key: </span>
                        <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{concept.valuesKey}</code>
                      </span>
                    ) : null}
                    {concept.whereItLives}
                  </td>
                  <td className="px-4 py-3">
                    <Link href={`/guides/${concept.guide}`} className="font-medium">
                      {concept.guideTitle ?? concept.guide}
                    </Link>
                    <ul className="mt-1 space-y-0.5 text-xs">
                      {concept.docs.map((doc) => (
                        <li key={doc.url}>
                          <a href={doc.url} rel="noreferrer" className="text-slate-600 hover:text-brand-700">
                            {doc.title}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
