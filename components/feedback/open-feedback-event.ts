// Any button on a page can open the header's feedback dialog by dispatching this event.
// Isomorphic (no server imports); only ever dispatched in the browser.
export const OPEN_FEEDBACK_EVENT = 'berth:open-feedback';

export function openFeedbackDialog(): void {
  window.dispatchEvent(new CustomEvent(OPEN_FEEDBACK_EVENT));
}

/** Typing somewhere: the keyboard shortcut must not steal a capital F from a text field or editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return target.closest('[contenteditable=""], [contenteditable="true"], [role="textbox"]') !== null;
}
