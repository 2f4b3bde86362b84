'use client';

import { Button, type ButtonVariant } from '@/components/ui/button';
import { openFeedbackDialog } from './open-feedback-event';

/** Opens the header's feedback dialog (prefilled with the current page) from anywhere on a page. */
export function OpenFeedbackButton({ children = 'File feedback', variant = 'primary' }: { children?: string; variant?: ButtonVariant }) {
  return (
    <Button type="button" variant={variant} onClick={openFeedbackDialog} aria-keyshortcuts="Shift+F">
      {children}
    </Button>
  );
}
