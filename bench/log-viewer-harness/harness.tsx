// The logs viewer's list (components/logs/log-list.tsx, virtualized) alone on a page, fed 50,000
// generated lines — and, as the baseline, the same rows rendered without virtualization.
// Bundled by esbuild and driven by Playwright from bench/bench-log-viewer.ts.
import { createRoot, type Root } from 'react-dom/client';
import { LogList } from '@/components/logs/log-list';
import { LogRow } from '@/components/logs/log-row';
import type { LogEntry, Severity } from '@/lib/logs/log-entry';

interface LongTask {
  start: number;
  duration: number;
}

interface HarnessApi {
  render(mode: 'virtual' | 'plain', count: number): Promise<{ firstRowsMs: number; rowsInDom: number }>;
  longTasks(): LongTask[];
  frames(): number[];
  startFrames(): void;
  stopFrames(): void;
}

declare global {
  interface Window {
    harness: HarnessApi;
  }
}

const SEVERITIES: Severity[] = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'WARNING', 'ERROR'];

function makeLines(count: number): LogEntry[] {
  const start = Date.UTC(2026, 10, 12, 9, 0, 0);
  const lines: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const ms = start + i * 37;
    const severity = SEVERITIES[i % SEVERITIES.length];
    const entry: LogEntry = {
      insertId: `line-${i}`,
      time: `${new Date(ms).toISOString().slice(0, 23)}${String((i * 7919) % 1_000_000).padStart(6, '0')}Z`,
      severity,
      environment: 'stage',
      cluster: 'gke-stage',
      namespace: 'claims-api',
      pod: `claims-api-web-7c9f${i % 4}d8b6-x7k2${i % 4}`,
      container: 'web',
    };
    if (i % 5 === 0) entry.json = { severity, message: `claim C-${i} processed in ${i % 900} ms`, claimId: `C-${i}` };
    else entry.text = `10.64.${i % 255}.${(i * 7) % 255} - - "GET /api/v1/claims/${i} HTTP/1.1" ${severity === 'ERROR' ? 502 : 200} ${(i * 13) % 9000} ${i % 900}ms`;
    lines.push(entry);
  }
  return lines;
}

function PlainList({ lines }: { lines: LogEntry[] }) {
  return (
    <div role="region" aria-label="Log lines" tabIndex={0} className="h-[calc(100vh-22rem)] min-h-[22rem] overflow-y-auto overscroll-contain rounded-b-lg bg-white">
      <div role="list">
        {lines.map((entry) => (
          <div key={entry.insertId} role="listitem">
            <LogRow entry={entry} expansion={undefined} showSource onToggle={() => undefined} />
          </div>
        ))}
      </div>
    </div>
  );
}

const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

let frameTimes: number[] = [];
let framing = false;
const frameLoop = (t: number) => {
  if (!framing) return;
  frameTimes.push(t);
  requestAnimationFrame(frameLoop);
};

let root: Root | undefined;

window.harness = {
  async render(mode, count) {
    const lines = makeLines(count);
    const container = document.getElementById('root')!;
    root?.unmount();
    root = createRoot(container);
    const started = performance.now();
    const appeared = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (container.querySelector('[role=listitem]')) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(container, { childList: true, subtree: true });
    });
    root.render(
      mode === 'virtual' ? (
        <LogList lines={lines} expansions={new Map()} onToggle={() => undefined} showSource onScrolledUp={() => undefined} />
      ) : (
        <PlainList lines={lines} />
      ),
    );
    await appeared;
    // Painted: the frame after the rows were committed.
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    return { firstRowsMs: performance.now() - started, rowsInDom: container.querySelectorAll('[role=listitem]').length };
  },
  longTasks: () => [...longTasks],
  frames: () => [...frameTimes],
  startFrames() {
    frameTimes = [];
    framing = true;
    requestAnimationFrame(frameLoop);
  },
  stopFrames() {
    framing = false;
  },
};
