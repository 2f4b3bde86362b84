'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { Failure, Result } from '@/lib/result/result';
import { refreshUnreadFeedbackCount } from './unread-updates-query';

/**
 * Runs a feedback server action from a client component: pending state, the typed error to show,
 * and on success a refresh of the server-rendered page and of the header's unread badge.
 */
export function useFeedbackAction<I, T>(action: (input: I) => Promise<Result<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<Failure | null>(null);
  const router = useRouter();

  /** `optimistic` runs inside the transition, for useOptimistic updates shown until the page refreshes. */
  const run = (input: I, onSuccess?: (data: T) => void, optimistic?: () => void) => {
    setError(null);
    startTransition(async () => {
      optimistic?.();
      let result: Result<T>;
      try {
        result = await action(input);
      } catch {
        // The network or the server went away before an answer: nothing was confirmed.
        setError({ code: 'unavailable', message: 'Berth could not be reached; nothing was saved. Try again.' });
        return;
      }
      if (!result.ok) {
        setError(result.error);
        return;
      }
      onSuccess?.(result.data);
      await refreshUnreadFeedbackCount();
      router.refresh();
    });
  };

  return { run, pending, error, fieldErrors: error?.fieldErrors ?? {}, clearError: () => setError(null) };
}
