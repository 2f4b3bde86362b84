import type { Metadata } from 'next';
import { forbidden, redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/get-current-user';
import { getConfig } from '@/lib/config/get-config';

export const metadata: Metadata = { title: 'Ask to be added' };

// The one page someone signed in but not in teams.yaml gets. It is a refusal, so it answers 403:
// forbidden() renders app/forbidden.tsx, which shows them how to be added.
export default async function AskToBeAddedPage() {
  const user = await getCurrentUser();
  if (!user) redirect(getConfig().AUTH_MODE === 'dev' ? '/signin' : '/');
  if (user.role !== 'unlisted') redirect('/apps');
  forbidden();
}
