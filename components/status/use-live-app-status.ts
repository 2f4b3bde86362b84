'use client';

// Keeps the status queries of one app current over Server-Sent Events. EventSource reconnects by
// itself after a dropped connection (the server sends `retry:`); when it gives up (a 401 or 5xx
// answer closes it for good) a new one is opened after a pause.
import { useEffect, useState } from 'react';
import type { AppStatus } from '@/lib/kube/app-status';
import { receiveAppStatus } from './status-queries';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

const REOPEN_AFTER_MS = 5_000;

export function useLiveAppStatus(app: string, environments: string[]): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const envKey = environments.join(',');

  useEffect(() => {
    const params = new URLSearchParams();
    for (const env of envKey.split(',').filter(Boolean)) params.append('env', env);
    const url = `/api/apps/${encodeURIComponent(app)}/status/stream?${params.toString()}`;
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const onStatus = (event: MessageEvent<string>) => {
      try {
        const status = JSON.parse(event.data) as AppStatus;
        // A new subscriber first gets the stream's last status, which can be older than a fetch.
        receiveAppStatus(app, status);
        setState('live');
      } catch {
        // a malformed event: the next one replaces it
      }
    };
    const open = () => {
      if (stopped) return;
      const es = new EventSource(url);
      source = es;
      es.addEventListener('status', onStatus as EventListener);
      es.onopen = () => setState('live');
      es.onerror = () => {
        setState('reconnecting');
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          reopen = setTimeout(open, REOPEN_AFTER_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, [app, envKey]);

  return state;
}
