'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  applyFormFields,
  compareVariables,
  deleteValueInText,
  envPath,
  envVarSources,
  type FormFields,
  mergeLayers,
  parseLayers,
  readFormFields,
  setValueInText,
  type ValuesLayer,
  type ValuesMap,
  type VariableGap,
} from '@/lib/values';
import { Button } from '@/components/ui/button';

interface ValuesFormProps {
  text: string;
  onChange: (text: string) => void;
  /** All layers with the proposed text for this file. */
  layers: ValuesLayer[];
  file: string;
  merged: ValuesMap | null;
  /** The environment being edited (the "override for stage" words). */
  environment: string;
  /** The app's other environments, to say which variables one sets and the other does not. */
  otherEnvironments: { name: string; layers: ValuesLayer[] }[];
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The common fields as a form. It shows what will run (the merged values) and writes each change
 * into this file's YAML, keeping comments and key order. A variable another file gives is marked
 * with that file and can be overridden here; removing one of this file's own takes it out of this
 * file (never `KEY: null`, which the chart refuses), with an undo.
 */
export function ValuesForm({ text, onChange, layers, file, merged, environment, otherEnvironments }: ValuesFormProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [newVar, setNewVar] = useState({ name: '', value: '' });
  const [undo, setUndo] = useState<{ before: string; after: string; words: string } | null>(null);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const lower = useMemo(() => {
    const index = layers.findIndex((l) => l.file === file);
    return mergeLayers(parseLayers(layers.slice(0, index)).parsed);
  }, [layers, file]);
  const sources = useMemo(() => envVarSources(layers, file), [layers, file]);
  const gaps = useMemo<VariableGap[]>(
    () => (merged ? otherEnvironments.map((other) => compareVariables(merged, { environment: other.name, layers: other.layers })) : []),
    [merged, otherEnvironments],
  );

  // An overridden variable's input becomes editable on the next render: put the cursor in it.
  useEffect(() => {
    if (!focusNext) return;
    const input = inputs.current.get(focusNext);
    if (input && !input.readOnly) {
      input.focus();
      setFocusNext(null);
    }
    // layers: the editor re-derives them from the text a render later (useDeferredValue).
  }, [focusNext, text, layers]);

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

  function override(name: string, value: string) {
    const result = setValueInText(text, envPath(name), value, { file });
    if (!result.ok) return setError(result.problems[0]?.message ?? 'That change could not be written into the YAML.');
    setError(null);
    onChange(result.text);
    setFocusNext(name);
  }

  function remove(name: string, inheritedFrom: string | null) {
    const result = deleteValueInText(text, envPath(name), { file });
    if (!result.ok) return setError(result.problems[0]?.message ?? 'That change could not be written into the YAML.');
    setError(null);
    onChange(result.text);
    setUndo({
      before: text,
      after: result.text,
      words: inheritedFrom ? `Removed the ${environment} override of ${name}: ${fileName(inheritedFrom)}’s value applies again.` : `Removed ${name} from ${fileName(file)}.`,
    });
  }

  const nameValid = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newVar.name);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <fieldset className="min-w-0 space-y-4">
        <legend className="font-semibold text-slate-900">Image and pods</legend>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Image tag</span>
          <span className="text-xs text-slate-600">Which build runs — like aptible deploy --docker-image.</span>
          <input
            value={fields.imageTag ?? ''}
            onChange={(e) => apply({ ...fields, imageTag: e.target.value === '' ? null : e.target.value })}
            className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5 font-mono"
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

      <fieldset className="min-w-0 space-y-3">
        <legend className="font-semibold text-slate-900">Environment variables</legend>
        <p className="text-xs text-slate-600">
          Like aptible config:set. Secrets do not belong here: reference them from Secret Manager with secretEnv in the YAML tab.
        </p>
        {gaps.map((gap) => (
          <VariableGapNote key={gap.environment} gap={gap} environment={environment} />
        ))}
        {fields.env.length === 0 ? <p className="text-sm text-slate-600">No environment variables yet.</p> : null}
        <ul className="space-y-2" aria-label="Environment variables">
          {fields.env.map((variable) => {
            const source = sources.get(variable.name);
            const inherited = source !== undefined && !source.own;
            return (
              <li key={variable.name} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <label className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                  <span className="w-full truncate font-mono sm:w-48 sm:shrink-0" title={variable.name}>
                    {variable.name}
                  </span>
                  <input
                    ref={(node) => {
                      if (node) inputs.current.set(variable.name, node);
                      else inputs.current.delete(variable.name);
                    }}
                    aria-label={`Value of ${variable.name}`}
                    aria-describedby={inherited ? `${id}-from-${variable.name}` : undefined}
                    readOnly={inherited}
                    value={variable.value}
                    onChange={(e) => apply({ ...fields, env: fields.env.map((v) => (v.name === variable.name ? { ...v, value: e.target.value } : v)) })}
                    className={`min-w-0 flex-1 basis-40 rounded-md border px-2 py-1 font-mono ${inherited ? 'border-dashed border-slate-300 bg-slate-50 text-slate-600' : 'border-slate-300'}`}
                  />
                </label>
                {inherited ? (
                  <>
                    <span id={`${id}-from-${variable.name}`} className="text-xs text-slate-600">
                      from <span className="font-mono">{fileName(source.file)}</span>
                    </span>
                    <Button type="button" variant="secondary" onClick={() => override(variable.name, variable.value)}>
                      Override for {environment}
                    </Button>
                  </>
                ) : (
                  <>
                    {source && source.file !== file ? (
                      <span className="text-xs text-slate-600">
                        <span className="font-mono">{fileName(source.file)}</span> overrides it
                      </span>
                    ) : null}
                    <Button
                      type="button"
                      variant="ghost"
                      aria-label={source?.inheritedFrom ? `Remove override of ${variable.name} (${environment})` : `Remove ${variable.name}`}
                      onClick={() => remove(variable.name, source?.inheritedFrom ?? null)}
                    >
                      {source?.inheritedFrom ? 'Remove override' : 'Remove'}
                    </Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
        {undo && undo.after === text ? (
          <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            {undo.words}
            <Button type="button" variant="secondary" onClick={() => { onChange(undo.before); setUndo(null); }}>
              Undo
            </Button>
          </p>
        ) : null}
        <div className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3">
          <label className="flex min-w-0 flex-col gap-1 text-sm">
            <span className="font-medium">New variable</span>
            <input value={newVar.name} onChange={(e) => setNewVar({ ...newVar, name: e.target.value })} placeholder="FEATURE_X" className="w-56 max-w-full rounded-md border border-slate-300 px-2 py-1 font-mono" />
          </label>
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
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

/** "production sets FHIR_BASE_URL; stage does not" — the likely cause of "X is not set". */
function VariableGapNote({ gap, environment }: { gap: VariableGap; environment: string }) {
  if (gap.missingHere.length === 0 && gap.missingThere.length === 0) return null;
  const list = (names: string[]) => names.map((n, i) => (
    <span key={n}>
      {i > 0 ? ', ' : ''}
      <code className="font-mono">{n}</code>
    </span>
  ));
  return (
    <div className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
      {gap.missingHere.length > 0 ? (
        <p>
          {gap.environment} sets {list(gap.missingHere)}; {environment} does not. If {environment}’s pods read {gap.missingHere.length === 1 ? 'it' : 'them'}, they start without {gap.missingHere.length === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {gap.missingThere.length > 0 ? (
        <p>
          {environment} sets {list(gap.missingThere)}; {gap.environment} does not.
        </p>
      ) : null}
    </div>
  );
}
