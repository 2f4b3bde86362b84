import 'server-only';
// An app's live status as Server-Sent Events: `retry:` first, then per environment the full
// status (`event: status`), then a new one only when it changed (subscribe() coalesces), and a
// comment line as heartbeat so proxies keep the connection open. Ends when the client goes (the
// request's signal) or the server shuts down (the EventSource reconnects elsewhere).
import type { EnvironmentName } from '@/lib/catalog/types';
import { onShutdown } from '@/lib/lifecycle/shutdown';
import type { AppStatus } from './app-status';
import { subscribe, type SubscribeOptions } from './subscribe-app-status';

export interface StatusEventStreamOptions extends SubscribeOptions {
  app: string;
  environments: EnvironmentName[];
  signal: AbortSignal;
  heartbeatMs?: number;
  retryMs?: number;
}

let streamCount = 0;

// A hub hands the same status object to every stream of the app: serialize it once for all of
// them, not once per open page.
const serialized = new WeakMap<AppStatus, string>();

function eventData(status: AppStatus): string {
  let text = serialized.get(status);
  if (text === undefined) {
    text = JSON.stringify(status);
    serialized.set(status, text);
  }
  return text;
}

export function statusEventStream(options: StatusEventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 3_000;
  let cleanup: () => void = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sequence = 0;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const unsubscribes = options.environments.map((environment) =>
        subscribe(
          options.app,
          environment,
          (status: AppStatus) => {
            sequence += 1;
            send(`id: ${sequence}\nevent: status\ndata: ${eventData(status)}\n\n`);
          },
          options,
        ),
      );
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      const unregister = onShutdown(`status stream ${++streamCount}`, () => close());
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        for (const unsubscribe of unsubscribes) unsubscribe();
        unregister();
        options.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // already cancelled by the consumer
        }
      };
      cleanup = close;
      send(`retry: ${retryMs}\n: ${options.app} status for ${options.environments.join(', ')}\n\n`);
      if (options.signal.aborted) close();
      else options.signal.addEventListener('abort', close);
    },
    cancel() {
      cleanup();
    },
  });
}
