import 'server-only';

import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';

import { listGuides } from './load-guides';
import { listSessions } from './load-sessions';
import { buildProgressReport, type ProgressReport } from './progress-report';
import { listAllGuideReads } from './reading-progress';

export type GetProgressReportResult = { status: 'ok'; report: ProgressReport } | { status: 'forbidden'; reason: string };

/** Everyone's reading progress, for the platform team only (checked here as well as on the page). */
export async function getProgressReport(user: BerthUser, deps: { db?: BerthDb; catalog?: Catalog } = {}): Promise<GetProgressReportResult> {
  const decision = decide(user, 'progress.viewEveryone', {});
  if (!decision.allowed) return { status: 'forbidden', reason: decision.reason };
  const db = deps.db ?? (await getDb());
  const [reads, catalog] = await Promise.all([listAllGuideReads(db), deps.catalog ?? loadCatalog()]);
  const report = buildProgressReport({
    reads,
    teams: catalog.teams.map((team) => ({ id: team.id, name: team.name, members: team.members })),
    people: catalog.people,
    guides: listGuides().map((guide) => ({ slug: guide.slug, title: guide.frontmatter.title })),
    sessions: listSessions().map((session) => ({ id: session.id, title: session.title, date: session.date, guides: session.guides })),
  });
  return { status: 'ok', report };
}
