'use client';

// Aptible words beside the Kubernetes ones: a toggle (remembered in this browser) that adds them to
// every table header. The legend of the pairs is static: the server renders it
// (aptible-terms-legend.tsx).
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'berth.status.aptibleTerms';

const AptibleTermsContext = createContext(true);

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
