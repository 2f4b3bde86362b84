// How many live log streams this replica serves: at most `perPerson` for one person and
// `perReplica` in all (LOG_STREAMS_PER_PERSON, LOG_STREAMS_PER_REPLICA). One session could
// otherwise open hundreds of follows and hold a connection to the cluster API for each pod of each.
// The one asking for one too many is told which of theirs are open, so they know what to close.

export interface OpenLogStream {
  id: number;
  email: string;
  app: string;
  environment: string;
  /** The filter, in the words of the audit record (pods, container, severity, text). */
  filter: Record<string, unknown>;
  openedAt: string;
}

export type LogStreamOpening =
  | { ok: true; stream: OpenLogStream; close: () => void }
  | { ok: false; scope: 'person' | 'replica'; limit: number; open: OpenLogStream[] };

export interface LogStreamLimitsOptions {
  perPerson: number;
  perReplica: number;
}

export class LogStreamLimits {
  private readonly open = new Map<number, OpenLogStream>();
  private nextId = 1;

  constructor(private readonly limits: () => LogStreamLimitsOptions) {}

  /** Counts a new stream in, or says why not; `close` counts it out (once). */
  tryOpen(request: Omit<OpenLogStream, 'id' | 'openedAt'>, now = new Date()): LogStreamOpening {
    const { perPerson, perReplica } = this.limits();
    const mine = this.of(request.email);
    if (mine.length >= perPerson) return { ok: false, scope: 'person', limit: perPerson, open: mine };
    if (this.open.size >= perReplica) return { ok: false, scope: 'replica', limit: perReplica, open: mine };
    const stream: OpenLogStream = { ...request, id: this.nextId++, openedAt: now.toISOString() };
    this.open.set(stream.id, stream);
    return { ok: true, stream, close: () => void this.open.delete(stream.id) };
  }

  /** The person's open streams, oldest first. */
  of(email: string): OpenLogStream[] {
    return [...this.open.values()].filter((s) => s.email === email);
  }

  get size(): number {
    return this.open.size;
  }
}

/** The refusal in words: what is open, and what to do. */
export function describeRefusal(refusal: Extract<LogStreamOpening, { ok: false }>): string {
  if (refusal.scope === 'replica') {
    return `This Berth replica already serves ${refusal.limit} live log streams, as many as it may. Try again in a minute, or read the logs without following them.`;
  }
  const list = refusal.open.map((s) => `${s.app} ${s.environment} (following since ${s.openedAt.slice(11, 16)} UTC${describeFilter(s.filter)})`).join('; ');
  return `You already follow ${refusal.open.length} log streams, the most one person may: ${list}. Stop "Follow live" on one of them (another tab or window), then try again.`;
}

function describeFilter(filter: Record<string, unknown>): string {
  const parts = Object.entries(filter).map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(',') : String(value)}`);
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}
