'use client';
// The pod and container picker's choices: the app's pods from the status API when it answers,
// else every pod seen in this environment's lines so far (a pod filter must not empty the picker).
import { useEffect, useMemo, useState } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';
import { fetchStatusPods, type PodOption } from './fetch-logs';

type PodsSeen = ReadonlyMap<string, ReadonlySet<string>>;
const NO_PODS: PodsSeen = new Map();

function podsOfLines(lines: readonly LogEntry[]): Map<string, Set<string>> {
  const pods = new Map<string, Set<string>>();
  for (const line of lines) {
    let containers = pods.get(line.pod);
    if (!containers) pods.set(line.pod, (containers = new Set()));
    containers.add(line.container);
  }
  return pods;
}

function addsPods(known: ReadonlyMap<string, ReadonlySet<string>>, found: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const [pod, containers] of found) {
    const had = known.get(pod);
    if (!had) return true;
    for (const c of containers) if (!had.has(c)) return true;
  }
  return false;
}

function mergePods(known: ReadonlyMap<string, ReadonlySet<string>>, found: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const merged = new Map<string, Set<string>>([...known].map(([pod, containers]) => [pod, new Set(containers)]));
  for (const [pod, containers] of found) {
    const into = merged.get(pod) ?? new Set<string>();
    for (const c of containers) into.add(c);
    merged.set(pod, into);
  }
  return merged;
}

/** The app's pods from the status API for the pod picker; null until known or when unavailable. */
function useStatusPods(app: string, environment: string): PodOption[] | null {
  const [found, setFound] = useState<{ key: string; pods: PodOption[] | null }>({ key: '', pods: null });
  const key = `${app}\n${environment}`;
  useEffect(() => {
    const controller = new AbortController();
    void fetchStatusPods(app, environment, controller.signal).then((pods) => {
      if (!controller.signal.aborted) setFound({ key, pods });
    });
    return () => controller.abort();
  }, [app, environment, key]);
  return found.key === key ? found.pods : null;
}

export function usePodOptions(app: string, environment: string, lines: readonly LogEntry[]): PodOption[] {
  const statusPods = useStatusPods(app, environment);
  const linePods = useMemo(() => podsOfLines(lines), [lines]);
  const [knownPods, setKnownPods] = useState<{ env: string; pods: PodsSeen }>({ env: environment, pods: new Map() });
  let seenPods = knownPods.env === environment ? knownPods.pods : NO_PODS;
  if (addsPods(seenPods, linePods)) {
    seenPods = mergePods(seenPods, linePods);
    setKnownPods({ env: environment, pods: seenPods });
  }
  return useMemo<PodOption[]>(
    () => statusPods ?? [...seenPods].map(([name, containers]) => ({ name, containers: [...containers].map((c) => ({ name: c })) })),
    [statusPods, seenPods],
  );
}
