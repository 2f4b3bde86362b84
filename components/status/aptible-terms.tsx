'use client';

// Aptible words beside the Kubernetes ones: a toggle (remembered in this browser) that adds them to
// every table header, and a legend of the pairs.
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'berth.status.aptibleTerms';

const AptibleTermsContext = createContext(true);

export const TERM_PAIRS: { kubernetes: string; aptible: string; note: string }[] = [
  { kubernetes: 'Deployment', aptible: 'Service', note: 'one process type of the app (a Procfile line); `deployments:` in the values' },
  { kubernetes: 'Replicas (pods)', aptible: 'Container count', note: 'apps:scale SERVICE --container-count; `replicas:`' },
  { kubernetes: 'Pod', aptible: 'Container', note: 'one running copy of a service' },
  { kubernetes: 'Resources limits', aptible: 'Container size', note: 'apps:scale --container-size; `resources.limits.memory`' },
  { kubernetes: 'Rollout', aptible: 'Deploy', note: 'new pods start, become ready, old ones stop' },
  { kubernetes: 'Readiness probe', aptible: 'Release health check', note: 'a pod gets traffic only once it passes' },
  { kubernetes: 'Events', aptible: 'Activity', note: 'what the platform did and when' },
  { kubernetes: 'PodDisruptionBudget', aptible: '(no equivalent)', note: 'how many pods a node upgrade may stop at once' },
];

export function AptibleTermsProvider({ children, value }: { children: ReactNode; value: boolean }) {
  return <AptibleTermsContext.Provider value={value}>{children}</AptibleTermsContext.Provider>;
}

export function useAptibleTerms(): boolean {
  return useContext(AptibleTermsContext);
}

const settingListeners = new Set<() => void>();

function subscribeSetting(listener: () => void): () => void {
  settingListeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    settingListeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readSetting(): boolean {
  return window.localStorage.getItem(STORAGE_KEY) !== '0';
}

/** The toggle's state, remembered in this browser (on by default: our engineers know Aptible). */
export function useAptibleTermsSetting(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribeSetting, readSetting, () => true);
  const set = (value: boolean) => {
    window.localStorage.setItem(STORAGE_KEY, value ? '1' : '0');
    for (const listener of settingListeners) listener();
  };
  return [on, set];
}

/** A header with its Aptible word underneath when the toggle is on. */
export function Term({ kubernetes, aptible }: { kubernetes: string; aptible: string }) {
  const show = useAptibleTerms();
  return (
    <>
      {kubernetes}
      {show ? <span className="block text-[11px] font-normal normal-case text-slate-500">Aptible: {aptible}</span> : null}
    </>
  );
}

export function AptibleTermsToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={() => onChange(!on)}
      className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
    >
      <span aria-hidden="true" className={`inline-block h-4 w-7 rounded-full p-0.5 transition-colors ${on ? 'bg-brand-600' : 'bg-slate-300'}`}>
        <span className={`block h-3 w-3 rounded-full bg-white transition-transform ${on ? 'translate-x-3' : ''}`} />
      </span>
      Aptible terms
    </button>
  );
}

export function AptibleTermsLegend() {
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Kubernetes words and their Aptible equivalents</summary>
      <div className="relative mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Kubernetes terms and Aptible terms</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Kubernetes</th>
              <th scope="col" className="py-1 pr-3 font-medium">Aptible</th>
              <th scope="col" className="py-1 font-medium">What it is</th>
            </tr>
          </thead>
          <tbody>
            {TERM_PAIRS.map((pair) => (
              <tr key={pair.kubernetes} className="border-t border-slate-200 align-top">
                <td className="py-1 pr-3 font-medium text-slate-900">{pair.kubernetes}</td>
                <td className="py-1 pr-3 text-slate-800">{pair.aptible}</td>
                <td className="py-1 text-slate-600">
                  <CodeSpans text={pair.note} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** `backticked` words of a note as code, the rest as text. */
function CodeSpans({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
