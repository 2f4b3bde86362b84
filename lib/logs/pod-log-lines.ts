// The Kubernetes API's pod log output ("<RFC 3339 time> <line>" per line) → Berth's LogEntry, with
// a severity inferred from the line, and the filters Kubernetes cannot apply itself.
import { type LogEntry, type LogQuery, type Severity, severityRank } from './log-entry';
import { severityOfJson, severityOfText } from './read-severity';
import { dateToNanos, formatNanos, parseRfc3339Nanos } from './log-time';

export interface Target {
  pod: string;
  container: string;
}

/** A parsed line, with its time as epoch nanoseconds for ordering. */
export interface TimedEntry {
  nanos: bigint;
  entry: LogEntry;
  raw: string;
}

/** Splits "<RFC 3339 time> <line>" output into entries; keeps a partial last line for later. */
export class LineParser {
  private partial = '';
  private lastTime = 0n;
  private sameTimeCount = 0;

  constructor(
    private readonly q: LogQuery,
    private readonly target: Target,
    private readonly previous: boolean,
  ) {}

  push(text: string): TimedEntry[] {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.flatMap((line) => this.parse(line));
  }

  end(): TimedEntry[] {
    const rest = this.partial;
    this.partial = '';
    return rest ? this.parse(rest) : [];
  }

  private parse(line: string): TimedEntry[] {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    const space = clean.indexOf(' ');
    const stamp = space > 0 ? clean.slice(0, space) : clean;
    const parsed = parseRfc3339Nanos(stamp);
    // Without a timestamp (not expected with timestamps=true) a line keeps the time before it.
    const nanos = parsed ?? this.lastTime;
    const raw = parsed === undefined ? clean : space > 0 ? clean.slice(space + 1) : '';
    this.sameTimeCount = nanos === this.lastTime ? this.sameTimeCount + 1 : 0;
    this.lastTime = nanos;
    const time = formatNanos(nanos);
    const { severity, json } = interpretLine(raw);
    const entry: LogEntry = {
      insertId: `${this.target.pod}/${this.target.container}${this.previous ? '/previous' : ''}/${time}/${this.sameTimeCount}`,
      time,
      severity,
      environment: this.q.environment,
      cluster: this.q.cluster,
      namespace: this.q.namespace,
      pod: this.target.pod,
      container: this.target.container,
    };
    if (json) entry.json = json;
    else entry.text = raw;
    return [{ nanos, entry, raw }];
  }
}

/**
 * Severity of a pod log line: the level the line states (a JSON field such as "severity" or
 * "level", which is then removed from the payload as Cloud Logging does; or a text level such as
 * "INFO", "level=warn", "Error: …" — see read-severity.ts), else DEFAULT (the API does not say
 * stdout or stderr).
 */
export function interpretLine(raw: string): { severity: Severity; json?: Record<string, unknown> } {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const json = value as Record<string, unknown>;
        const stated = severityOfJson(json);
        if (stated) {
          delete json[stated.field];
          return { severity: stated.severity, json };
        }
        return { severity: 'DEFAULT', json };
      }
    } catch {
      // not JSON after all: a plain line
    }
  }
  return { severity: severityOfText(trimmed) ?? 'DEFAULT' };
}

/** The text, severity and time filters Kubernetes has no parameter for. */
export function entryFilter(q: LogQuery): (e: TimedEntry) => boolean {
  const since = q.since ? dateToNanos(q.since) : undefined;
  const until = q.until ? dateToNanos(q.until) : undefined;
  const minRank = q.minSeverity ? severityRank(q.minSeverity) : 0;
  const text = q.text?.trim().toLowerCase();
  return (e) =>
    (since === undefined || e.nanos >= since) &&
    (until === undefined || e.nanos < until) &&
    severityRank(e.entry.severity) >= minRank &&
    (!text || e.raw.toLowerCase().includes(text));
}

export function compareTimed(a: { nanos: bigint; entry?: LogEntry; id?: string }, b: { nanos: bigint; entry?: LogEntry; id?: string }): number {
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  const idA = a.entry?.insertId ?? a.id ?? '';
  const idB = b.entry?.insertId ?? b.id ?? '';
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

export function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return text.length > 0 && !text.endsWith('\n') ? count + 1 : count;
}
