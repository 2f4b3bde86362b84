import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import type { BerthUser } from '@/lib/auth/user';
import { teamDomains } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';

// What someone signed in but not in teams.yaml is told: who they are to Berth and how to be
// added. It names no app, team member or data. Shown by app/forbidden.tsx, so it answers 403.
export async function AskToBeAdded({ user }: { user: BerthUser }) {
  const catalog = await loadCatalog();
  const platform = catalog.teams.find((t) => t.isPlatform);
  const chat = platform?.chat ?? 'the platform team';
  const domains = getConfig().BERTH_WORKSPACE_DOMAINS ?? teamDomains(catalog);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Ask to be added" description={`You are signed in as ${user.email}.`} />
      <section aria-labelledby="why" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-slate-700">
        <h2 id="why" className="font-semibold text-slate-900">
          {user.unlistedBecause === 'outside-workspace' ? 'This account is not a Meridian Care work account' : 'Berth does not know you yet'}
        </h2>
        {user.unlistedBecause === 'outside-workspace' ? (
          <p>
            Berth only accepts accounts of the company’s Google Workspace ({domains.join(', ')}). Sign out of this account and
            sign in with your work account.
          </p>
        ) : (
          <p>
            Berth shows apps, their logs and their settings only to the people listed in <code>teams.yaml</code> in the config
            repository, each in their team. Production logs carry patient data, so nobody sees anything before they are listed.
          </p>
        )}
        <p>
          Ask in <strong>{chat}</strong> to be added: give your work email, your team and whether you are an engineer or a viewer.
          Once you are in <code>teams.yaml</code>, reload this page.
        </p>
        <p>
          <Link href="/apps">Try again</Link>
        </p>
      </section>
    </div>
  );
}
