'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { unreadFeedbackQueryKey } from './unread-updates-query';

/** The page marked the item read on the server; bring the header's badge up to date. */
export function MarkSeen({ itemId }: { itemId: number }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: unreadFeedbackQueryKey });
  }, [queryClient, itemId]);
  return null;
}
