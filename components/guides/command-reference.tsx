import Link from 'next/link';
import type { CommandEntry, EquivalentCondition, EquivalentTool } from '@/lib/guides/schemas';

const toolLabels: Record<EquivalentTool, string> = { kubectl: 'kubectl', gcloud: 'gcloud', helm: 'helm', git: 'git', shell: 'shell', berth: 'In Berth' };

const conditionLabels: Record<EquivalentCondition, string> = {
  autoscaled: 'when the deployment is autoscaled',
  'fixed-replicas': 'when the deployment is not autoscaled',
  'secret-value': 'for a secret',
  'plain-value': 'for a plain value',
  'secret-name': 'when the variable is a secret',
  tag: 'for an image tag',
  digest: 'for an image digest',
  database: 'with --database',
};

const ACLI = 'https://github.com/aptible/aptible-cli/blob/master/';

/** Every translated command with its flags and equivalents as templates; each entry is a search deep link target. */
export function CommandReference({ commands, guideTitles }: { commands: CommandEntry[]; guideTitles: Record<string, string> }) {
  return (
    <div className="space-y-4 wrap-anywhere">
      {commands.map((entry) => (
        <section
          key={entry.id}
          id={entry.id}
          aria-labelledby={`${entry.id}-title`}
          className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4 target:border-amber-400 target:ring-2 target:ring-amber-200"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`${entry.id}-title`} className="font-mono text-base font-semibold text-slate-900">
              aptible {entry.command}
            </h3>
            <div className="flex items-center gap-3 text-sm">
              {entry.removed ? (
                <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-300">removed</span>
              ) : null}
              <Link href={`/commands?q=${encodeURIComponent(`aptible ${entry.command}`)}#translator`}>Try it</Link>
            </div>
          </div>
          <p className="mt-1 font-mono text-xs text-slate-600">{entry.aptible}</p>
          <p className="mt-2 text-sm text-slate-800">{entry.summary}</p>
          {entry.removed ? (
            <p className="mt-2 text-sm text-amber-950">
              <strong className="font-semibold">Removed in {entry.removed.since}.</strong> Use instead: {entry.removed.replacement}.
            </p>
          ) : null}
          {entry.flags.length > 0 || (entry.args ?? []).length > 0 ? (
            <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
              {(entry.args ?? []).map((arg) => (
                <div key={arg.name} className="contents">
                  <dt className="font-mono text-slate-700">{arg.name}</dt>
                  <dd className="text-slate-700">{arg.meaning}</dd>
                </div>
              ))}
              {entry.flags.map((flag) => (
                <div key={flag.name} className="contents">
                  <dt className={`font-mono ${flag.removed ? 'text-slate-500 line-through' : 'text-slate-700'}`}>
                    {flag.name}
                    {flag.value ? ` ${flag.value}` : ''}
                  </dt>
                  <dd className="text-slate-700">
                    {flag.meaning}
                    {flag.removed ? (
                      <span className="text-amber-950">
                        {' '}
                        Removed: {flag.removed.since}; use {flag.removed.replacement}.
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          <ul className="mt-3 space-y-2" aria-label={`Equivalents of aptible ${entry.command}`}>
            {entry.equivalents.map((equivalent, index) => (
              <li key={index} className="text-sm">
                <span className="mr-2 inline-block w-16 text-xs font-semibold text-slate-500">{toolLabels[equivalent.tool]}</span>
                <code className="break-words rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] text-slate-900">{equivalent.command}</code>
                {equivalent.when ? <span className="ml-2 text-xs text-slate-600">({conditionLabels[equivalent.when]})</span> : null}
                {equivalent.note ? <p className="ml-[4.5rem] mt-0.5 text-xs text-slate-600">{equivalent.note}</p> : null}
              </li>
            ))}
          </ul>
          {entry.noSingleEquivalent ? (
            <p className="mt-3 text-sm text-sky-950">
              <strong className="font-semibold">No single equivalent:</strong> {entry.noSingleEquivalent}
            </p>
          ) : null}
          {entry.note ? <p className="mt-2 text-sm text-slate-700">{entry.note}</p> : null}
          <p className="mt-3 text-sm text-slate-600">
            {entry.berth ? (
              <>
                In Berth: {entry.berth.label} · {' '}
              </>
            ) : null}
            Guide: <Link href={`/guides/${entry.guide}`}>{guideTitles[entry.guide] ?? entry.guide}</Link> · Checked against{' '}
            <a href={`${ACLI}${entry.source}`}>{entry.source}</a>
            {entry.aliasOf ? <> · the CLI&apos;s alias of <code className="font-mono">aptible {entry.aliasOf}</code></> : null}
          </p>
        </section>
      ))}
    </div>
  );
}
