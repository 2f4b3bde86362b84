'use client';

import { useState } from 'react';
import { signInAs } from './dev-sign-in';

interface Member {
  email: string;
  name: string;
  role: string;
}

export function SignInChooser({ teams, callbackUrl }: { teams: { id: string; name: string; members: Member[] }[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {teams.map((team) => (
        <section key={team.id} aria-labelledby={`team-${team.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id={`team-${team.id}`} className="font-semibold text-slate-900">
            {team.name}
          </h2>
          <ul className="mt-3 space-y-2">
            {team.members.map((member) => (
              <li key={member.email}>
                <button
                  type="button"
                  disabled={pending !== null}
                  onClick={() => {
                    setPending(member.email);
                    void signInAs(member.email, callbackUrl);
                  }}
                  className="flex w-full items-center justify-between rounded-md px-3 py-2 text-left ring-1 ring-slate-200 hover:bg-slate-50 disabled:opacity-60"
                >
                  <span>
                    <span className="block font-medium text-slate-900">Sign in as {member.name}</span>
                    <span className="block text-xs text-slate-600">{member.email}</span>
                  </span>
                  <span className="text-xs text-slate-600">{pending === member.email ? 'Signing in…' : member.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
