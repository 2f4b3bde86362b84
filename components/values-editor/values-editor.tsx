'use client';

import { useRouter } from 'next/navigation';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { commitSubject } from '@/lib/gitops/commit-message';
import { requestChangeAction, updateChangeRequestAction } from '@/lib/changes/actions';
import type { Failure } from '@/lib/result/result';
import { saveValuesAction } from '@/lib/values-files/actions';
import { Button } from '@/components/ui/button';
import type { Decision } from '@/lib/auth/policy';
import {
  defaultCommitMessage,
  describeRestart,
  explainChange,
  restartedDeployments,
  validateValues,
  type ValuesEnvironment,
  type ValuesLayer,
  type ValuesProblem,
} from '@/lib/values';
import { ChangesView } from './changes-view';
import { ConflictPanel } from './conflict-panel';
import { EffectiveValuesTable } from './effective-values-table';
import { ProblemsList } from './problems-list';
import { ValuesForm } from './values-form';
import { useUnsavedGuard } from './use-unsaved-guard';
import { YamlCodeEditor } from './yaml-code-editor';
import type { SaveValuesDetails, SaveValuesOutcome } from '@/lib/values-files/save-values';
import type { FileConflict } from '@/lib/gitops/commit-change';

export interface ValuesEditorProps {
  app: string;
  environment: string;
  file: { name: 'values.yaml' | 'values-stage.yaml' | 'values-production.yaml'; path: string; affects: string[] };
  baseRevision: string;
  layers: ValuesLayer[];
  schema: object;
  environments: ValuesEnvironment[];
  /** commit: stage, saved directly; request: read by production, saved as a change request. */
  mode: 'commit' | 'request';
  permission: Decision;
  /** Re-basing or editing an existing change request: its proposal is the starting text. */
  change?: { id: number; proposedText: string };
  /** The app's other environments' layers, for "production sets X; stage does not". */
  otherEnvironments: { name: string; layers: ValuesLayer[] }[];
}

type Tab = 'form' | 'yaml' | 'changes' | 'effective';

const tabs: { id: Tab; label: string }[] = [
  { id: 'form', label: 'Form' },
  { id: 'yaml', label: 'YAML' },
  { id: 'changes', label: 'Changes' },
  { id: 'effective', label: 'Effective values' },
];

type Outcome =
  | { kind: 'saved'; message: string; href?: string; linkText?: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; headRevision: string; conflict: FileConflict };

export function ValuesEditor(props: ValuesEditorProps) {
  const { file, schema, environments, environment, permission } = props;
  const router = useRouter();
  const id = useId();
  const [base, setBase] = useState({ revision: props.baseRevision, layers: props.layers });
  const original = base.layers.find((l) => l.file === file.path)?.text ?? '';
  const [text, setText] = useState(props.change?.proposedText ?? original);
  const [tab, setTab] = useState<Tab>('form');
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [serverProblems, setServerProblems] = useState<ValuesProblem[] | null>(null);

  // Validation runs in the browser with the same code the server runs before saving.
  const deferredText = useDeferredValue(text);
  const proposedLayers = useMemo(() => base.layers.map((l) => (l.file === file.path ? { ...l, text: deferredText } : l)), [base.layers, file.path, deferredText]);
  const before = useMemo(() => validateValues({ schema, layers: base.layers, environment, environments }), [schema, base.layers, environment, environments]);
  const after = useMemo(() => validateValues({ schema, layers: proposedLayers, environment, environments }), [schema, proposedLayers, environment, environments]);
  const effects = useMemo(
    () => (before.merged && after.merged ? explainChange({ before: before.merged, after: after.merged, environment }) : []),
    [before.merged, after.merged, environment],
  );
  const problems = serverProblems ?? after.problems;
  const errors = problems.filter((p) => p.severity === 'error');
  const dirty = text !== original;
  // A production edit sent as a change request is kept safe there: leaving loses nothing.
  const [requested, setRequested] = useState<string | null>(null);
  const unsaved = dirty && text !== requested;
  const canSave = permission.allowed && unsaved && errors.length === 0 && !saving && text === deferredText;
  useUnsavedGuard(unsaved, `Your edit of ${file.path} is not saved. Leave and lose it?`);

  // What is committed when the person writes no message: the change in plain words. The
  // placeholder shows it, and it is sent as written, so the history says what the editor said.
  const suggested = defaultCommitMessage(effects, file.path);
  const sentMessage = message.trim() || suggested;
  const subject = commitSubject(sentMessage, `Update ${file.path}`);
  const restarts = after.merged ? describeRestart(props.app, environment, restartedDeployments(after.merged)) : null;

  async function save() {
    setSaving(true);
    setOutcome(null);
    try {
      if (props.mode === 'request') {
        // Production: a change request (or the re-based one) instead of a commit.
        const result = props.change
          ? await updateChangeRequestAction({ id: props.change.id, text, baseRevision: base.revision })
          : await requestChangeAction({ app: props.app, file: file.name, text, baseRevision: base.revision, message: sentMessage });
        if (result.ok) {
          setRequested(text);
          setOutcome({ kind: 'saved', message: `Change request #${result.data.id} is waiting for a teammate's approval.`, href: `/changes/${result.data.id}` });
        } else if (result.error.code === 'conflict' && result.error.details?.existing) {
          // The same change is already waiting (a second click, or a second tab): send them to it.
          setRequested(text);
          const existing = result.error.details.existing;
          setOutcome({ kind: 'saved', message: result.error.message, href: `/changes/${existing}`, linkText: `Open #${existing} →` });
        } else {
          showRefusal(result.error);
        }
        return;
      }
      const result = await saveValuesAction({ app: props.app, file: file.name, text, baseRevision: base.revision, message: sentMessage });
      if (result.ok) showSaved(result.data);
      else showRefusal(result.error);
    } catch {
      setOutcome({ kind: 'error', message: 'Berth could not be reached; nothing was saved. Try again.' });
    } finally {
      setSaving(false);
    }
  }

  function showSaved(result: SaveValuesOutcome) {
    if (result.status === 'unchanged') {
      setOutcome({ kind: 'saved', message: 'Nothing to save: the file already says this.' });
      return;
    }
    const committedLayers = base.layers.map((l) => (l.file === file.path ? { ...l, text } : l));
    setBase({ revision: result.revision, layers: committedLayers });
    setMessage('');
    setServerProblems(null);
    setOutcome({ kind: 'saved', message: `Committed ${result.revision.slice(0, 7)} “${subject}” to the config repository under your name.`, href: `/apps/${props.app}/history` });
    router.refresh();
  }

  function showRefusal(error: Failure<SaveValuesDetails>) {
    const { problems, headRevision, conflicts } = error.details ?? {};
    if (error.code === 'invalid' && problems) {
      setServerProblems(problems);
      setOutcome({ kind: 'error', message: error.message });
      setTab('yaml');
    } else if (error.code === 'conflict' && headRevision && conflicts?.[0]) {
      setOutcome({ kind: 'conflict', headRevision, conflict: conflicts[0] });
    } else {
      setOutcome({ kind: 'error', message: error.message });
    }
  }

  function onEdit(next: string) {
    setText(next);
    setServerProblems(null);
  }

  return (
    <div className="space-y-4">
      {!permission.allowed ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {permission.reason} You can explore edits here, but not save them.
        </p>
      ) : null}
      <div className="rounded-lg border border-slate-200 bg-white">
        <div role="tablist" aria-label="Edit values as" className="flex flex-wrap gap-1 border-b border-slate-200 px-2 pt-2">
          {tabs.map((t) => (
            <button
              key={t.id}
              role="tab"
              id={`${id}-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${id}-panel`}
              onClick={() => setTab(t.id)}
              className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${
                tab === t.id ? 'border-slate-200 border-b-white bg-white font-medium text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'
              }`}
            >
              {t.label}
              {t.id === 'yaml' && errors.length > 0 ? <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs text-red-800">{errors.length}</span> : null}
              {t.id === 'changes' && dirty ? <span className="ml-1 rounded-full bg-brand-100 px-1.5 text-xs text-brand-800">{effects.length}</span> : null}
            </button>
          ))}
          <span className="ml-auto min-w-0 self-center px-2 font-mono text-xs break-all text-slate-500">{file.path}</span>
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`} className="p-4">
          {tab === 'form' ? (
            <ValuesForm
              text={text}
              onChange={onEdit}
              layers={proposedLayers}
              file={file.path}
              merged={after.merged}
              environment={environment}
              otherEnvironments={props.otherEnvironments}
            />
          ) : tab === 'yaml' ? (
            <YamlCodeEditor value={text} onChange={onEdit} problems={problems.filter((p) => p.file === file.path)} schema={schema} />
          ) : tab === 'changes' ? (
            <ChangesView original={original} text={text} effects={effects} environment={environment} affects={file.affects} restarts={restarts} />
          ) : (
            <EffectiveValuesTable layers={proposedLayers} />
          )}
        </div>
      </div>

      <ProblemsList problems={problems} currentFile={file.path} />

      {/* Save stays in view while the person scrolls through a long file (1366×768 and phones). */}
      <form
        aria-label="Save"
        className="no-print sticky bottom-0 z-10 flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-3 shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.25)] sm:p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSave) void save();
        }}
      >
        <label className="flex min-w-0 flex-1 basis-64 flex-col gap-1 text-sm">
          <span className="font-medium text-slate-900">{props.mode === 'request' ? 'Why this change (the reviewer reads this)' : 'Commit message'}</span>
          <input
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={2000}
            placeholder={suggested}
            aria-describedby={`${id}-subject`}
            className="min-w-0 rounded-md border border-slate-300 px-3 py-1.5"
          />
        </label>
        <Button type="submit" disabled={!canSave}>
          {saving ? 'Saving…' : props.mode === 'request' ? (props.change ? `Update change request #${props.change.id}` : 'Request approval') : 'Save to stage'}
        </Button>
        <div className="w-full space-y-1 text-sm text-slate-600">
          <p aria-live="polite">
            {!dirty
              ? 'No changes yet.'
              : !unsaved
                ? 'Sent for review: this edit is in the change request.'
                : errors.length > 0
                  ? `Fix ${errors.length} error${errors.length === 1 ? '' : 's'} before saving.`
                  : `${effects.length} effect${effects.length === 1 ? '' : 's'} — see the Changes tab.${restarts ? ` ${restarts}` : ''}`}
          </p>
          {unsaved ? (
            <p id={`${id}-subject`}>
              {props.mode === 'request' ? 'Title of the request and of its commit' : 'Committed as'}: <span className="text-slate-800">“{subject}”</span>
            </p>
          ) : null}
        </div>
        {outcome?.kind === 'saved' ? (
          <p role="status" className="w-full rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {outcome.message} {outcome.href ? <a href={outcome.href}>{outcome.linkText ?? 'See it →'}</a> : null}
          </p>
        ) : outcome?.kind === 'error' ? (
          <p role="alert" className="w-full rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {outcome.message}
          </p>
        ) : null}
      </form>

      {outcome?.kind === 'conflict' ? (
        <ConflictPanel
          conflict={outcome.conflict}
          onUseLatest={() => {
            const headText = outcome.conflict.headText ?? '';
            setBase({ revision: outcome.headRevision, layers: base.layers.map((l) => (l.file === file.path ? { ...l, text: headText } : l)) });
            setText(headText);
            setOutcome(null);
          }}
          onKeepMine={() => {
            const headText = outcome.conflict.headText ?? '';
            setBase({ revision: outcome.headRevision, layers: base.layers.map((l) => (l.file === file.path ? { ...l, text: headText } : l)) });
            setOutcome(null);
            setTab('changes');
          }}
        />
      ) : null}
    </div>
  );
}
