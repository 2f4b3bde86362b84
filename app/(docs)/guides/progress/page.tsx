import Link from 'next/link';
import { CheckIcon } from '@/components/guides/check-icon';
import { formatDay, formatSessionTime } from '@/components/guides/dates';
import { ProgressBar } from '@/components/guides/progress-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { getProgressReport } from '@/lib/guides/get-progress-report';

export const metadata = { title: 'Guide progress' };

export default async function GuideProgressPage() {
  const user = await requireUser('/guides/progress');
  const result = await getProgressReport(user);
  if (result.status === 'forbidden') {
    return (
      <>
        <PageHeader title="Guide progress" />
        <EmptyState title="Only the platform team sees everyone's progress" action={<Link href="/guides">Back to the guides</Link>}>
          {result.reason} Your own progress is on the guides page.
        </EmptyState>
      </>
    );
  }
  const { report } = result;
  const total = report.guides.length;
  const teams = [...new Set(report.people.map((person) => person.team))];

  return (
    <>
      <PageHeader
        title="Guide progress"
        description="Who has marked which guide read, and how much of each training session's reading each team has done. People come from teams.yaml."
      />

      <section aria-labelledby="by-session" className="mb-10">
        <h2 id="by-session" className="mb-3 text-lg font-semibold text-slate-900">
          By session
        </h2>
        {report.sessions.length === 0 ? (
          <EmptyState title="No training sessions yet" />
        ) : (
          <ul className="grid gap-3 lg:grid-cols-2 2xl:grid-cols-3">
            {report.sessions.map((session) => (
              <li key={session.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium">
                  <Link href={`/sessions/${session.id}`}>{session.title}</Link>
                </p>
                <p className="text-xs text-slate-600">
                  {formatSessionTime(session.date)} · {session.guides.length === 1 ? '1 guide' : `${session.guides.length} guides`}
                </p>
                {session.guides.length === 0 ? (
                  <p className="mt-3 text-sm text-slate-600">This session covers no guides.</p>
                ) : (
                  <table className="mt-3 w-full text-sm">
                    <caption className="sr-only">Share of the guides of {session.title} read, per team</caption>
                    <thead className="sr-only">
                      <tr>
                        <th scope="col">Team</th>
                        <th scope="col">Read</th>
                      </tr>
                    </thead>
                    <tbody>
                      {session.teams
                        .filter((team) => team.members > 0)
                        .map((team) => (
                          <tr key={team.team}>
                            <th scope="row" className="w-2/5 py-1 pr-3 text-left font-normal text-slate-700">
                              {team.teamName}
                            </th>
                            <td className="py-1">
                              <div className="flex items-center gap-2">
                                <ProgressBar
                                  value={team.readPairs}
                                  max={team.totalPairs}
                                  label={`${team.teamName}: ${session.title}`}
                                  className="flex-1"
                                />
                                <span className="w-24 text-right tabular-nums text-slate-700">
                                  {Math.round((team.share ?? 0) * 100)}%{' '}
                                  <span className="text-xs text-slate-500">
                                    ({team.readPairs}/{team.totalPairs})
                                  </span>
                                </span>
                              </div>
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="by-person">
        <h2 id="by-person" className="mb-1 text-lg font-semibold text-slate-900">
          By person
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Columns are the guides in reading order; hover a number for its title.
          {report.readsByOthers > 0
            ? ` ${report.readsByOthers} more ${report.readsByOthers === 1 ? 'read is' : 'reads are'} by people not in teams.yaml.`
            : ''}
        </p>
        {report.people.length === 0 ? (
          <EmptyState title="Nobody is listed in teams.yaml" />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="group" aria-label="Progress by person">
            <table className="w-full text-sm">
              <caption className="sr-only">Guides read by each person</caption>
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Person
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Read
                  </th>
                  {report.guides.map((guide, index) => (
                    <th key={guide.slug} scope="col" className="px-1 py-2 text-center font-medium text-slate-600">
                      <Link href={`/guides/${guide.slug}`} title={guide.title} className="text-slate-600">
                        <span aria-hidden>{index + 1}</span>
                        <span className="sr-only">{guide.title}</span>
                      </Link>
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Last read
                  </th>
                </tr>
              </thead>
              {teams.map((team) => {
                const members = report.people.filter((person) => person.team === team);
                return (
                  <tbody key={team} className="border-t border-slate-200">
                    <tr>
                      <th scope="colgroup" colSpan={total + 3} className="bg-slate-50/60 px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                        {members[0]?.teamName ?? team}
                      </th>
                    </tr>
                    {members.map((person) => (
                      <tr key={person.email} className="border-t border-slate-100">
                        <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-900">
                          {person.name}
                        </th>
                        <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-700">
                          {person.read.length} / {total}
                        </td>
                        {report.guides.map((guide) => {
                          const read = person.read.includes(guide.slug);
                          return (
                            <td key={guide.slug} className="px-1 py-2 text-center">
                              {read ? (
                                <span className="inline-grid h-5 w-5 place-items-center rounded-full bg-emerald-100 text-emerald-800">
                                  <CheckIcon className="h-3 w-3" />
                                  <span className="sr-only">read</span>
                                </span>
                              ) : (
                                <span className="text-slate-300">
                                  <span aria-hidden>·</span>
                                  <span className="sr-only">not read</span>
                                </span>
                              )}
                            </td>
                          );
                        })}
                        <td className="whitespace-nowrap px-3 py-2 text-slate-600">{person.lastReadAt ? formatDay(person.lastReadAt) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                );
              })}
            </table>
          </div>
        )}
      </section>
    </>
  );
}
