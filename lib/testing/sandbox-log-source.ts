// The sandbox Cloud Logging server fed from memory, and Berth's CloudLoggingSource reading it over
// gRPC as stage's project: what the log tests start before their first test and close after the last.
import { CloudLoggingSource } from '@/lib/logs/cloud-logging-source';
import type { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { type CloudLoggingServer, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';

export interface SandboxLogSource {
  server: CloudLoggingServer;
  source: CloudLoggingSource;
  close(): Promise<void>;
}

export async function startSandboxLogSource(feed: MemoryLogFeed): Promise<SandboxLogSource> {
  const server = await startCloudLoggingServer({ feed, projectId: ['meridian-stage'] });
  const source = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: server.endpoint, timeoutMs: 5_000 });
  return {
    server,
    source,
    async close() {
      await source.close();
      await server.close();
    },
  };
}
