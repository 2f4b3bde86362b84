'use client';

import { useMemo, useState } from 'react';
import { applyFormFields, type FormFields, mergeLayers, parseLayers, readFormFields, type ValuesLayer, type ValuesMap } from '@/lib/values';
import { Button } from '@/components/ui/button';

interface ValuesFormProps {
  text: string;
  onChange: (text: string) => void;
  /** All layers with the proposed text for this file. */
  layers: ValuesLayer[];
  file: string;
  merged: ValuesMap | null;
}

/**
 * The common fields as a form. It shows what will run (the merged values) and writes each change
 * into this file's YAML, keeping comments and key order.
 */
export function ValuesForm({ text, onChange, layers, file, merged }: ValuesFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [newVar, setNewVar] = useState({ name: '', value: '' });
  const lower = useMemo(() => {
    const index = layers.findIndex((l) => l.file === file);
    return mergeLayers(parseLayers(layers.slice(0, index)).parsed);
  }, [layers, file]);

  if (!merged) {
    return (
      <p role="alert" className="text-sm text-red-800">
        The form needs values that parse. Fix the YAML errors listed below (YAML tab), then come back.
      </p>
    );
  }
  const fields = readFormFields(merged);

  function apply(after: FormFields) {
    const result = applyFormFields(text, { before: fields, after, lower });
    if (result.ok) {
      setError(null);
      onChange(result.text);
    } else {
      setError(result.problems[0]?.message ?? 'That change could not be written into the YAML.');
    }
  }

  const nameValid = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newVar.name);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <fieldset className="space-y-4">
        <legend className="font-semibold text-slate-900">Image and pods</legend>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Image tag</span>
          <span className="text-xs text-slate-600">Which build runs — like aptible deploy --docker-image.</span>
          <input
            value={fields.imageTag ?? ''}
            onChange={(e) => apply({ ...fields, imageTag: e.target.value === '' ? null : e.target.value })}
            className="rounded-md border border-slate-300 px-3 py-1.5 font-mono"
          />
        </label>
        {fields.deployments.map((deployment) => (
          <label key={deployment.name} className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Pods of {deployment.name}</span>
            <span className="text-xs text-slate-600">Replicas — the container count of an Aptible service (apps:scale --container-count).</span>
            <input
              type="number"
              min={0}
              max={50}
              value={deployment.replicas ?? ''}
              onChange={(e) => {
                const replicas = e.target.value === '' ? null : Number(e.target.value);
                apply({ ...fields, deployments: fields.deployments.map((d) => (d.name === deployment.name ? { ...d, replicas } : d)) });
              }}
              className="w-32 rounded-md border border-slate-300 px-3 py-1.5"
            />
          </label>
        ))}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="font-semibold text-slate-900">Environment variables</legend>
        <p className="text-xs text-slate-600">
          Like aptible config:set. Secrets do not belong here: reference them from Secret Manager with secretEnv in the YAML tab.
        </p>
        {fields.env.length === 0 ? <p className="text-sm text-slate-600">No environment variables yet.</p> : null}
        <ul className="space-y-2" aria-label="Environment variables">
          {fields.env.map((variable) => (
            <li key={variable.name} className="flex items-center gap-2">
              <label className="flex flex-1 items-center gap-2 text-sm">
                <span className="w-56 shrink-0 truncate font-mono" title={variable.name}>
                  {variable.name}
                </span>
                <input
                  aria-label={`Value of ${variable.name}`}
                  value={variable.value}
                  onChange={(e) => apply({ ...fields, env: fields.env.map((v) => (v.name === variable.name ? { ...v, value: e.target.value } : v)) })}
                  className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono"
                />
              </label>
              <Button type="button" variant="ghost" aria-label={`Remove ${variable.name}`} onClick={() => apply({ ...fields, env: fields.env.filter((v) => v.name !== variable.name) })}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">New variable</span>
            <input value={newVar.name} onChange={(e) => setNewVar({ ...newVar, name: e.target.value })} placeholder="FEATURE_X" className="w-56 rounded-md border border-slate-300 px-2 py-1 font-mono" />
          </label>
          <label className="flex flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">Value</span>
            <input value={newVar.value} onChange={(e) => setNewVar({ ...newVar, value: e.target.value })} className="min-w-0 rounded-md border border-slate-300 px-2 py-1 font-mono" />
          </label>
          <Button
            type="button"
            variant="secondary"
            disabled={!nameValid || fields.env.some((v) => v.name === newVar.name)}
            onClick={() => {
              apply({ ...fields, env: [...fields.env, { name: newVar.name, value: newVar.value }] });
              setNewVar({ name: '', value: '' });
            }}
          >
            Add variable
          </Button>
          {newVar.name && !nameValid ? <p className="w-full text-xs text-red-800">Names use letters, digits and underscores, and do not start with a digit.</p> : null}
        </div>
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-red-800 lg:col-span-2">
          {error}
        </p>
      ) : null}
    </div>
  );
}
