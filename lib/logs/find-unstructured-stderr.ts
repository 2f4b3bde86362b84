// Does the app write plain-text lines to stderr? (isomorphic) In Cloud Logging every stderr line
// that is not JSON with a "severity" field is stored as ERROR — each line of a stack trace too —
// so error counts and alerts become noise. The viewer says so, with the guide that shows the fix.
import type { LogEntry } from './log-entry';

export interface UnstructuredStderr {
  /** Lines that are (Cloud Logging) or look like (pod logs: "Error: …", "panic: …") plain stderr. */
  lines: number;
  /** Cloud Logging said the stream; pod logs do not, so there it is inferred from the text. */
  certain: boolean;
  example: string;
}

export function findUnstructuredStderr(entries: readonly LogEntry[]): UnstructuredStderr | undefined {
  let certain = 0;
  let inferred = 0;
  let example: string | undefined;
  for (const entry of entries) {
    if (entry.json || entry.text === undefined || !entry.text.trim()) continue;
    if (entry.stream === 'stderr') certain += 1;
    else if (entry.stream === undefined && entry.severity === 'ERROR') inferred += 1;
    else continue;
    example ??= entry.text;
  }
  if (example === undefined) return undefined;
  return certain > 0 ? { lines: certain, certain: true, example } : { lines: inferred, certain: false, example };
}
