// One log entry as one line of text (isomorphic): the download, the viewer's "copy" and its
// one-line summary of a JSON payload all write entries the same way.
import type { LogEntry } from './log-entry';

/** `2026-11-12T09:00:00.123456789Z ERROR intake-forms-web-6f9c/web Error: FHIR_BASE_URL is not set` */
export function formatLogLine(entry: LogEntry): string {
  const body = entry.json ? JSON.stringify(entry.json) : (entry.text ?? '');
  return `${entry.time} ${entry.severity.padEnd(8)} ${entry.pod}/${entry.container} ${body.replace(/\r?\n/g, '\\n')}`;
}

/** The message of a structured line, as loggers name it; the whole payload when none does. */
export function summarizePayload(json: Record<string, unknown>): string {
  for (const key of ['message', 'msg', 'textPayload', 'error']) {
    const value = json[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return JSON.stringify(json);
}
