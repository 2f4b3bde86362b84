import Link from 'next/link';
import { z } from 'zod';
import { CommandReference } from '@/components/guides/command-reference';
import { CommandTranslator } from '@/components/guides/command-translator';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { loadAppShapes } from '@/lib/guides/load-app-shapes';
import { listCommands } from '@/lib/guides/load-commands';
import { listGuides } from '@/lib/guides/load-guides';
import { translateCommand } from '@/lib/guides/translate-command';
import { translatorStart } from '@/lib/guides/translator-start';

export const metadata = { title: 'Command translator' };

const searchParamsSchema = z.object({
  q: z.string().max(2000).catch(''),
  app: z.string().max(100).catch(''),
  env: z.string().max(40).catch(''),
});

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export default async function CommandsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const initial = searchParamsSchema.parse({ q: first(raw.q), app: first(raw.app), env: first(raw.env) });
  const query = new URLSearchParams(Object.entries(initial).filter(([, value]) => value)).toString();
  const user = await requireUser(`/commands${query ? `?${query}` : ''}`);

  const commands = listCommands();
  // Every app's real shape: namespace, deployments, autoscaling, image, secrets and database.
  const { environments, apps } = await loadAppShapes();
  const guideTitles = Object.fromEntries(listGuides().map((guide) => [guide.slug, guide.frontmatter.title]));
  // The link's command, translated here: the page shows it before the translator's code loads.
  const start = translatorStart(initial, environments, apps);
  const initialResult = initial.q.trim()
    ? translateCommand(initial.q, commands, { app: apps.find((app) => app.name === start.app), env: start.env, user: user.email }, { environments, apps })
    : null;

  return (
    <>
      <PageHeader
        title="Command translator"
        description={
          <>
            Type an <code className="font-mono text-sm">aptible</code> command as you ran it and get the kubectl, gcloud, helm or git
            equivalent — filled in with your app&apos;s namespace and the cluster of the environment — and the Berth screen that does the
            same. Concepts rather than commands are in the <Link href="/concepts">concept map</Link>.
          </>
        }
      />
      <div id="translator" className="scroll-mt-6">
        {/* Keyed by the URL's command: a "Try it" link on this page starts the translator over with it. */}
        <CommandTranslator
          key={query}
          commands={commands}
          environments={environments}
          apps={apps}
          guideTitles={guideTitles}
          initial={initial}
          initialResult={initialResult}
          viewer={user}
        />
      </div>
      <section aria-labelledby="reference" className="mt-10">
        <h2 id="reference" className="mb-1 scroll-mt-6 text-lg font-semibold text-slate-900">
          Command reference
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          Every command of the current <code className="font-mono">aptible</code> CLI, and the removed ones, with its flags and the equivalents as
          templates:{' '}
          <code className="font-mono">{'{namespace}'}</code> is your app&apos;s namespace, <code className="font-mono">{'{context}'}</code> is{' '}
          <code className="font-mono">stage</code> or <code className="font-mono">production</code>.
        </p>
        <CommandReference commands={commands} guideTitles={guideTitles} />
      </section>
    </>
  );
}
