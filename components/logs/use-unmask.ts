'use client';
// "Show unmasked" in the viewer: asking for a reason (for one line, or the whole view), the grant
// the server gives for the view (its id goes on every read until it ends), and the lines shown
// unmasked one at a time. All of it belongs to one app and environment.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';
import { fetchJson } from '@/components/data/fetch-json';

export type UnmaskAsk = { scope: 'page' } | { scope: 'line'; entry: LogEntry };

export interface Unmask {
  /** The running grant for the whole view, if any. */
  grant: { id: number; expiresAt: string } | null;
  asking: UnmaskAsk | null;
  sending: boolean;
  failure: string | null;
  askForPage(): void;
  askForLine(entry: LogEntry): void;
  cancel(): void;
  submit(reason: string): Promise<void>;
  /** Mask the view again before the grant ends. */
  end(): void;
  /** The lines with those unmasked one by one put back in place. */
  overlay(lines: LogEntry[]): LogEntry[];
}

/** `previous`: the view shows the previous container's lines (a line is read again from there). */
export function useUnmask(app: string, environment: string, previous: boolean): Unmask {
  const scope = `${app}\n${environment}`;
  const [grant, setGrant] = useState<{ scope: string; id: number; expiresAt: string } | null>(null);
  const [lines, setLines] = useState<{ scope: string; byId: ReadonlyMap<string, LogEntry> }>({ scope, byId: new Map() });
  const [asking, setAsking] = useState<UnmaskAsk | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const current = grant?.scope === scope ? grant : null;

  // The server masks again when the grant ends; so does the viewer, at the same moment.
  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setGrant(null), Math.max(0, Date.parse(current.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [current]);

  const submit = useCallback(
    async (reason: string) => {
      if (!asking) return;
      setSending(true);
      setFailure(null);
      const body =
        asking.scope === 'page'
          ? { scope: 'page', environment, reason }
          : { scope: 'line', environment, reason, line: { insertId: asking.entry.insertId, time: asking.entry.time, pod: asking.entry.pod, container: asking.entry.container, previous: previous || undefined } };
      const result = await fetchJson<{ grant?: { id: number; expiresAt: string }; entry?: LogEntry }>(`/api/apps/${encodeURIComponent(app)}/logs/unmask`, { method: 'POST', body });
      setSending(false);
      if (!result.ok) {
        setFailure(result.error.message);
        return;
      }
      const { grant, entry } = result.data;
      if (grant) setGrant({ scope, ...grant });
      if (entry) setLines((had) => ({ scope, byId: new Map(had.scope === scope ? had.byId : []).set(entry.insertId, entry) }));
      setAsking(null);
    },
    [app, environment, asking, scope, previous],
  );

  const byId = lines.scope === scope ? lines.byId : null;
  const overlay = useCallback((shown: LogEntry[]) => (byId && byId.size > 0 ? shown.map((e) => byId.get(e.insertId) ?? e) : shown), [byId]);
  return useMemo(
    () => ({
      grant: current ? { id: current.id, expiresAt: current.expiresAt } : null,
      asking,
      sending,
      failure,
      askForPage: () => {
        setFailure(null);
        setAsking({ scope: 'page' });
      },
      askForLine: (entry: LogEntry) => {
        setFailure(null);
        setAsking({ scope: 'line', entry });
      },
      cancel: () => setAsking(null),
      submit,
      end: () => setGrant(null),
      overlay,
    }),
    [current, asking, sending, failure, submit, overlay],
  );
}
