import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/get-current-user';
import { getConfig } from '@/lib/config/get-config';
import { Badge } from './ui/badge';
import { SignOutButton } from './auth/sign-out-button';

export async function UserSlot() {
  const config = getConfig();
  const user = await getCurrentUser();
  const demo = config.AUTH_MODE === 'dev';
  if (!user) {
    return demo ? (
      <Link href="/signin" className="text-sm font-medium">
        Sign in
      </Link>
    ) : (
      <span className="text-sm text-slate-500">Not signed in</span>
    );
  }
  return (
    <div className="flex items-center gap-2 text-sm">
      {demo ? <Badge tone="warn">demo sign-in</Badge> : null}
      <span className="text-right leading-tight">
        <span className="block font-medium text-slate-900">{user.name}</span>
        <span className="block text-xs text-slate-600">
          {user.role}
          {user.team && user.team !== user.role ? ` · ${user.team}` : ''}
        </span>
      </span>
      {demo ? <SignOutButton /> : null}
    </div>
  );
}
