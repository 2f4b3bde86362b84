'use client';

import { signOutToStart } from './dev-sign-in';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOutToStart()} className="rounded-md px-2 py-1 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
      Sign out
    </button>
  );
}
