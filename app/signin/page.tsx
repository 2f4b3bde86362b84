import { redirect } from 'next/navigation';
import { SignInChooser } from '@/components/auth/sign-in-chooser';
import { PageHeader } from '@/components/ui/page-header';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { z } from 'zod';

export const metadata = { title: 'Sign in' };

// Only same-site paths: a callbackUrl must never send someone to another site after sign-in.
const callbackSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .catch('/');

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = callbackSchema.parse(params.callbackUrl ?? '/');
  if (getConfig().AUTH_MODE === 'iap') redirect(callbackUrl);
  const catalog = await loadCatalog();
  const teams = catalog.teams.map((team) => ({
    id: team.id,
    name: team.name,
    members: team.members.map((m) => ({ email: m.email, name: m.name, role: m.role })),
  }));
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Demo sign-in"
        description="This Berth runs on the sandbox. Pick one of Meridian Care's sample people to see Berth as they would. In production, Identity-Aware Proxy signs you in with your Google account."
      />
      {params.error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          That sign-in did not work. Pick a person from the list.
        </p>
      ) : null}
      <SignInChooser teams={teams} callbackUrl={callbackUrl} />
    </div>
  );
}
