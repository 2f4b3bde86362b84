'use client';
// The filter bar: environment, severity, text, time range, pod, container, previous container.
// Every change goes to the viewer as a patch of the view (which also writes the address bar).
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { SEVERITIES, type Severity } from '@/lib/logs/log-entry';
import { DEFAULT_TIME_RANGE, type LogView, TIME_RANGE_PRESETS, type TimeRangePreset } from '@/lib/logs/log-view';
import type { PodOption } from './fetch-logs';
import { controlClass, labelClass } from './filter-classes';

const loadCustomRange = () => import('./custom-range');
const CustomRange = lazy(() => loadCustomRange().then((module) => ({ default: module.CustomRange })));

const SEVERITY_LABELS: Record<Severity, string> = {
  DEFAULT: 'Any severity',
  DEBUG: 'Debug and above',
  INFO: 'Info and above',
  NOTICE: 'Notice and above',
  WARNING: 'Warning and above',
  ERROR: 'Error and above',
  CRITICAL: 'Critical and above',
  ALERT: 'Alert and above',
  EMERGENCY: 'Emergency only',
};

interface LogFiltersProps {
  view: LogView;
  environments: { name: string }[];
  pods: PodOption[];
  sourceKind: 'kubernetes' | 'cloud-logging';
  /** The window the current lines cover (the custom range starts from it). */
  window: { since?: Date; until?: Date };
  onChange: (patch: Partial<LogView>) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}

export function LogFilters({ view, environments, pods, sourceKind, window, onChange, searchRef }: LogFiltersProps) {
  const custom = Boolean(view.since || view.until);
  const [customOpen, setCustomOpen] = useState(custom);
  const showCustom = custom || customOpen;

  // The search box applies half a second after typing stops, or at once on Enter.
  const [text, setText] = useState(view.q ?? '');
  const [appliedText, setAppliedText] = useState(view.q);
  if (view.q !== appliedText) {
    setAppliedText(view.q);
    setText(view.q ?? '');
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const applyText = (value: string) => {
    clearTimeout(timer.current);
    if ((value.trim() || undefined) !== (view.q?.trim() || undefined)) onChange({ q: value.trim() ? value : undefined });
  };

  // Opening the custom range (its inputs and checks) loads its code; it is fetched with the page's
  // first render, so it is there when asked for.
  useEffect(() => {
    void loadCustomRange();
  }, []);

  const selectedPod = view.pods.length === 1 ? view.pods[0] : '';
  const podNames = [...new Set([...pods.map((p) => p.name), ...view.pods])].sort();
  const containerNames = [
    ...new Set([
      ...pods.filter((p) => !selectedPod || p.name === selectedPod).flatMap((p) => p.containers.map((c) => c.name)),
      ...(view.container ? [view.container] : []),
    ]),
  ].sort();
  const restarts = pods.find((p) => p.name === selectedPod)?.containers.find((c) => !view.container || c.name === view.container)?.restarts;

  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <fieldset>
        <legend className={labelClass}>Environment</legend>
        <div className="mt-1 inline-flex overflow-hidden rounded-md border border-slate-300 shadow-xs">
          {environments.map((environment, index) => {
            const checked = view.env === environment.name;
            return (
              <label
                key={environment.name}
                className={`cursor-pointer px-3 py-1 text-sm capitalize has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
                  index > 0 ? 'border-l border-slate-300' : ''
                } ${checked ? 'bg-brand-700 font-medium text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                <input
                  type="radio"
                  name="log-environment"
                  value={environment.name}
                  checked={checked}
                  onChange={() => onChange({ env: environment.name, pods: [], container: undefined, previous: false })}
                  className="sr-only"
                />
                {environment.name}
              </label>
            );
          })}
        </div>
      </fieldset>

      <div>
        <label htmlFor="log-severity" className={labelClass}>
          Severity
        </label>
        <select
          id="log-severity"
          className={`${controlClass} mt-1`}
          value={view.severity ?? 'DEFAULT'}
          onChange={(event) => onChange({ severity: event.target.value === 'DEFAULT' ? undefined : (event.target.value as Severity) })}
        >
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </div>

      <form
        role="search"
        className="min-w-[14rem] flex-1"
        onSubmit={(event) => {
          event.preventDefault();
          applyText(text);
        }}
      >
        <label htmlFor="log-search" className={labelClass}>
          Search text <span className="font-normal text-slate-500">(press / to focus)</span>
        </label>
        <input
          id="log-search"
          ref={searchRef}
          type="search"
          value={text}
          placeholder='e.g. timeout or "FHIR_BASE_URL"'
          maxLength={500}
          className={`${controlClass} mt-1 w-full`}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => applyText(value), 500);
          }}
        />
      </form>

      <div>
        <label htmlFor="log-range" className={labelClass}>
          Time range
        </label>
        <select
          id="log-range"
          className={`${controlClass} mt-1`}
          value={showCustom ? 'custom' : (view.range ?? DEFAULT_TIME_RANGE)}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'custom') return setCustomOpen(true);
            setCustomOpen(false);
            onChange({ range: value as TimeRangePreset, since: undefined, until: undefined });
          }}
        >
          {(Object.keys(TIME_RANGE_PRESETS) as TimeRangePreset[]).map((preset) => (
            <option key={preset} value={preset}>
              {TIME_RANGE_PRESETS[preset].label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </div>

      {showCustom ? (
        <LoadBoundary what="The custom time range" className="basis-full text-xs text-red-700">
          <Suspense
            fallback={
              <p role="status" className="pb-1.5 text-sm text-slate-600">
                Loading the custom range…
              </p>
            }
          >
            <CustomRange view={view} window={window} onChange={onChange} />
          </Suspense>
        </LoadBoundary>
      ) : null}

      <div>
        <label htmlFor="log-pod" className={labelClass}>
          Pod
        </label>
        <select
          id="log-pod"
          className={`${controlClass} mt-1 max-w-[18rem]`}
          value={view.pods.length > 1 ? '__several' : selectedPod}
          onChange={(event) => onChange({ pods: event.target.value ? [event.target.value] : [], container: undefined })}
        >
          <option value="">All pods</option>
          {view.pods.length > 1 ? (
            <option value="__several" disabled>
              {view.pods.length} pods
            </option>
          ) : null}
          {podNames.map((name) => {
            const restartCount = pods.find((p) => p.name === name)?.containers.reduce((sum, c) => sum + (c.restarts ?? 0), 0);
            return (
              <option key={name} value={name}>
                {name}
                {restartCount ? ` (restarted ${restartCount}×)` : ''}
              </option>
            );
          })}
        </select>
      </div>

      <div>
        <label htmlFor="log-container" className={labelClass}>
          Container
        </label>
        <select
          id="log-container"
          className={`${controlClass} mt-1`}
          value={view.container ?? ''}
          onChange={(event) => onChange({ container: event.target.value || undefined })}
        >
          <option value="">All containers</option>
          {containerNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>

      {sourceKind === 'kubernetes' ? (
        <div className="flex items-center gap-2 pb-1.5">
          <input
            id="log-previous"
            type="checkbox"
            className="h-4 w-4 rounded border-slate-300 accent-brand-700"
            checked={view.previous}
            onChange={(event) => onChange({ previous: event.target.checked, follow: event.target.checked ? false : view.follow })}
            aria-describedby="log-previous-hint"
          />
          <label htmlFor="log-previous" className="text-sm text-slate-800">
            Previous container
            <span id="log-previous-hint" className="block text-xs text-slate-500">
              {restarts !== undefined ? (restarts > 0 ? `before the last restart (${restarts} so far)` : 'this container has not restarted') : 'the one before the last restart'}
            </span>
          </label>
        </div>
      ) : null}
    </div>
  );
}
