'use client';

// The cause on the verdict: the last lines the crashed container wrote before it stopped, read
// through the logs route — so the same logs.read policy, PHI masking and read record apply as on
// the Logs page. Lines that may hold patient data (production) are read only when asked; a person
// who may not read them is told why instead.
import { useEffect, useState } from 'react';
import { summarizePayload } from '@/lib/logs/format-log-line';
import type { LogEntry } from '@/lib/logs/log-entry';
import { logViewSearchParams } from '@/lib/logs/log-view';
import { Button } from '@/components/ui/button';
import { fetchLogPage } from '@/components/logs/fetch-logs';

/** What the person may do with an environment's logs (from the app page's server render). */
export interface LogReading {
  allowed: boolean;
  reason: string;
  /** Logs of this environment may hold patient data: read on request only, and recorded. */
  holdsPhi: boolean;
  canBreakGlass: boolean;
}

export interface CrashedContainer {
  pod: string;
  container: string;
  /** When it last stopped (the Logs link opens the minutes around it). */
  stoppedAt?: string;
}

/** Lines read from the end of the previous container's output… */
const READ_LINES = 40;
/** …and shown: from the last error line (a stack trace follows it) or else the last few. */
const SHOWN_LINES = 12;

type Load = { state: 'idle' } | { state: 'loading' } | { state: 'done'; entries: LogEntry[] } | { state: 'error'; message: string; forbidden: boolean };

function lastLinesUrl(app: string, environment: string, crashed: CrashedContainer): string {
  const params = logViewSearchParams({ env: environment, pods: [crashed.pod], container: crashed.container, previous: true, follow: false });
  // The previous container may have stopped a while ago: look back a day for its lines.
  params.set('range', '24h');
  params.set('pageSize', String(READ_LINES));
  return `/api/apps/${app}/logs?${params.toString()}`;
}

function lineText(entry: LogEntry): string {
  return entry.json ? summarizePayload(entry.json) : (entry.text ?? '');
}

/**
 * The lines that say why, oldest first: from the last line that states an error (a stack trace's
 * "at …" lines follow it, and "Error: FHIR_BASE_URL is not set" is what a person needs), else the
 * last few lines.
 */
export function causeLines(entries: LogEntry[]): LogEntry[] {
  const isErrorLine = (e: LogEntry) => (e.severity === 'ERROR' || e.severity === 'CRITICAL' || e.severity === 'ALERT' || e.severity === 'EMERGENCY') && !/^\s/.test(lineText(e));
  let start = -1;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (isErrorLine(entries[i])) {
      start = i;
      break;
    }
  }
  if (start < 0) return entries.slice(-SHOWN_LINES);
  return entries.slice(start, start + SHOWN_LINES);
}

export function CrashCause({ app, environment, crashed, reading }: { app: string; environment: string; crashed: CrashedContainer; reading: LogReading | undefined }) {
  const key = `${crashed.pod}/${crashed.container}/${crashed.stoppedAt ?? ''}`;
  const automatic = reading?.allowed === true && !reading.holdsPhi;
  const [asked, setAsked] = useState<string | null>(null);
  const [load, setLoad] = useState<{ key: string; load: Load }>({ key: '', load: { state: 'idle' } });
  const wanted = reading?.allowed === true && (automatic || asked === key);
  // Until this container instance's answer is in, it is being read (when wanted) or not asked for.
  const current: Load = load.key === key ? load.load : wanted ? { state: 'loading' } : { state: 'idle' };

  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    void fetchLogPage(lastLinesUrl(app, environment, crashed), controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoad({
        key,
        load: result.ok ? { state: 'done', entries: causeLines([...result.data.entries].reverse()) } : { state: 'error', message: result.error.message, forbidden: result.error.code === 'forbidden' },
      });
    });
    return () => controller.abort();
    // `key` names the container instance: a status update for the same crash does not read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, key, app, environment]);

  return (
    <div className="mt-2 rounded border border-slate-300 bg-white/70 p-2 text-sm" data-testid="crash-cause">
      <p className="font-medium text-slate-900">
        Last lines before it stopped <span className="font-normal text-slate-600">(pod {crashed.pod}, container {crashed.container})</span>
      </p>
      {!reading?.allowed ? (
        <p className="mt-1 text-slate-700">
          Not shown: {reading?.reason ?? `you may not read the ${environment} logs of ${app}.`}
          {reading?.canBreakGlass ? ' Break-glass on the Logs page opens them, with your reason recorded.' : ''}
        </p>
      ) : current.state === 'idle' && !automatic ? (
        <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
          <span>{environment} logs may hold patient data: they are read when you ask, and the read is recorded.</span>
          <Button type="button" variant="secondary" onClick={() => setAsked(key)}>
            Show the last lines
          </Button>
        </p>
      ) : current.state === 'loading' || current.state === 'idle' ? (
        <p role="status" className="mt-1 text-slate-600">
          Reading the previous container’s last lines…
        </p>
      ) : current.state === 'error' ? (
        <p className="mt-1 text-slate-700">
          {current.forbidden ? 'Not shown: ' : 'The last lines could not be read: '}
          {current.message}
        </p>
      ) : current.entries.length === 0 ? (
        <p className="mt-1 text-slate-700">The previous container wrote nothing in the last day before it stopped.</p>
      ) : (
        <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-900 p-2 font-mono text-xs leading-5 text-slate-50" data-testid="crash-lines">
          {current.entries.map((entry) => lineText(entry)).join('\n')}
        </pre>
      )}
    </div>
  );
}
