// A LogFeed held in memory: lines are pushed in and kept (oldest dropped past a limit). Tests and
// small demos feed the sandbox Cloud Logging server with it; the sandbox main feeds it from pods.
import type { SandboxLogRecord } from './gke-log-entry';
import type { LogFeed } from './server';

export class MemoryLogFeed implements LogFeed {
  private readonly records: SandboxLogRecord[] = [];
  private readonly listeners = new Set<(record: SandboxLogRecord) => void>();

  constructor(private readonly maxRecords = 100_000) {}

  entries(): Iterable<SandboxLogRecord> {
    return this.records;
  }

  subscribe(listener: (record: SandboxLogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  push(...records: SandboxLogRecord[]): void {
    for (const record of records) {
      this.records.push(record);
      for (const listener of this.listeners) listener(record);
    }
    if (this.records.length > this.maxRecords) this.records.splice(0, this.records.length - this.maxRecords);
  }

  /** How many tails are listening (tests wait for a tail to be connected before pushing). */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
