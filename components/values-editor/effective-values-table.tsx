'use client';

import { useMemo, useState } from 'react';
import { effectiveValues, type ValuesLayer } from '@/lib/values';

const kindLabel = { chart: 'chart default', app: 'values.yaml', environment: 'environment file' } as const;

// Every key's value and the file it came from (Argo CD users ask for exactly this).
export function EffectiveValuesTable({ layers }: { layers: ValuesLayer[] }) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => effectiveValues(layers), [layers]);
  const visible = rows.filter((r) => !filter || r.path.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div>
      <label className="flex items-center gap-2 text-sm">
        <span>Filter keys</span>
        <input value={filter} onChange={(e) => setFilter(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1" placeholder="deployments.web" />
      </label>
      <div className="mt-3 max-h-[36rem] overflow-auto">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-white text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 pr-3">Key</th>
              <th className="py-1 pr-3">Value</th>
              <th className="py-1">Set by</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.path} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3 font-mono text-xs">{row.path}</td>
                <td className="py-1 pr-3 font-mono text-xs">{row.deleted ? <em className="text-slate-500">deleted</em> : JSON.stringify(row.value)}</td>
                <td className="py-1 text-xs text-slate-600">
                  {kindLabel[row.source.kind]} <span className="font-mono">({row.source.file}:{row.source.line})</span>
                  {row.overrides.length > 0 ? <span className="block">overrides {row.overrides.map((o) => `${o.file}:${o.line}`).join(', ')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
