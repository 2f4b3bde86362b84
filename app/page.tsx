import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PersonalHome } from '@/components/home/personal-home';
import { ASK_TO_BE_ADDED_PATH, getCurrentUser } from '@/lib/auth/get-current-user';
import { getHome } from '@/lib/home/get-home';
import { mainNav } from '@/lib/navigation/main-nav';

export default async function HomePage() {
  const user = await getCurrentUser();
  // Someone not in teams.yaml gets only the page that says how to be added.
  if (user?.role === 'unlisted') redirect(ASK_TO_BE_ADDED_PATH);
  // A signed-in person lands on their own work; everyone else gets the introduction.
  if (user) {
    const home = await getHome(user);
    if (home.ok) return <PersonalHome user={user} home={home.data} generatedAt={new Date().toISOString()} />;
  }
  return (
    <div className="space-y-10">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Your apps on GKE, in words you know from Aptible</h1>
        <p className="mt-3 text-lg text-slate-700">
          Berth is Meridian Care&apos;s developer portal for the move from Aptible to Google Kubernetes Engine. Change your
          app&apos;s settings safely, see it running in stage and production, learn the new platform, and tell the
          migration working group what gets in your way.
        </p>
      </section>
      <nav aria-label="Areas of Berth">
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-5">
          {mainNav.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 no-underline shadow-sm transition hover:border-brand-600 hover:no-underline hover:shadow"
              >
                <span className="text-lg font-semibold text-brand-800">{item.label} →</span>
                <span className="mt-2 block text-slate-700">{item.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="how-it-works" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="how-it-works" className="font-semibold text-slate-900">
          How a change reaches your app
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
          <li>You edit your app&apos;s values in Berth. It checks them against the shared chart before anything is saved.</li>
          <li>Stage changes are committed to the config repository under your name; production changes wait for a teammate&apos;s approval.</li>
          <li>CI/CD deploys the commit, and Berth shows when your change is live in each cluster.</li>
        </ol>
      </section>
    </div>
  );
}
