'use client';
// The lines, oldest at the top and newest at the bottom, virtualized: only the rows on screen
// exist in the DOM, so 50,000 lines scroll as smoothly as 50. Anchored to the end: new lines
// keep the view at the bottom while the reader is there, and leave it still once they scroll up
// (the viewer then offers "Jump to latest"); older lines loaded above keep the view in place.
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';
import { LogRow, ROW_HEIGHT_PX, type RowExpansion } from './log-row';

export interface LogListHandle {
  scrollToLatest(): void;
  focus(): void;
}

interface LogListProps {
  lines: LogEntry[];
  expansions: ReadonlyMap<string, RowExpansion>;
  onToggle: (insertId: string, what: keyof RowExpansion) => void;
  /** Offered on masked lines: show this one unmasked (with a reason). */
  onUnmask?: (entry: LogEntry) => void;
  showSource: boolean;
  /** The reader scrolled up from the newest line (true) or came back down to it (false). */
  onScrolledUp: (scrolledUp: boolean) => void;
  busy?: boolean;
}

const END_SLACK_PX = 24;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export const LogList = forwardRef<LogListHandle, LogListProps>(function LogList({ lines, expansions, onToggle, onUnmask, showSource, onScrolledUp, busy }, ref) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);
  // Read and written in event handlers, synchronously: a batch of lines arriving between the
  // reader's wheel and React's next render must not pull the view back down.
  const stick = useRef(true);
  const getItemKey = useCallback((index: number) => lines[index]?.insertId ?? index, [lines]);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    // Exact for a one-line row, so only wrapped or expanded rows change the layout when measured.
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 20,
    getItemKey,
    // Lines added above or dropped from the top keep the line being read where it is.
    anchorTo: 'end',
    scrollEndThreshold: END_SLACK_PX,
  });

  const toLatest = useCallback(() => {
    if (lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtualizer]);

  useLayoutEffect(() => {
    if (stick.current) toLatest();
  }, [lines, toLatest]);

  const unstick = () => {
    if (!stick.current) return;
    stick.current = false;
    onScrolledUp(true);
  };
  const restick = () => {
    if (stick.current) return;
    stick.current = true;
    onScrolledUp(false);
  };

  useImperativeHandle(
    ref,
    () => ({
      scrollToLatest: () => {
        stick.current = true;
        toLatest();
      },
      focus: () => scrollRef.current?.focus(),
    }),
    [toLatest],
  );

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const fromEnd = element.scrollHeight - element.scrollTop - element.clientHeight;
    if (fromEnd <= END_SLACK_PX) restick();
    // Appended or measured rows never lower scrollTop: only the reader (or the scrollbar) does.
    else if (element.scrollTop < lastScrollTop.current - 2) unstick();
    lastScrollTop.current = element.scrollTop;
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      onWheel={(event) => {
        if (event.deltaY < 0) unstick();
      }}
      onKeyDown={(event) => {
        if (UP_KEYS.has(event.key)) unstick();
      }}
      onTouchMove={unstick}
      role="region"
      aria-label="Log lines"
      aria-busy={busy || undefined}
      tabIndex={0}
      className="h-[calc(100vh-22rem)] min-h-[22rem] overflow-y-auto overscroll-contain rounded-b-lg bg-white focus-visible:outline-2 focus-visible:-outline-offset-2"
    >
      <div role="list" aria-label={`${lines.length} log lines`} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = lines[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-posinset={item.index + 1}
              aria-setsize={lines.length}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 top-0 w-full"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <LogRow entry={entry} expansion={expansions.get(entry.insertId)} showSource={showSource} onToggle={onToggle} onUnmask={onUnmask} />
            </div>
          );
        })}
      </div>
    </div>
  );
});
