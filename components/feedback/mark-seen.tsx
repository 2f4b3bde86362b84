'use client';

import { useEffect } from 'react';
import { refreshUnreadFeedbackCount } from './unread-updates-query';

/** The page marked the item read on the server; bring the header's badge up to date. */
export function MarkSeen({ itemId }: { itemId: number }) {
  useEffect(() => {
    void refreshUnreadFeedbackCount();
  }, [itemId]);
  return null;
}
