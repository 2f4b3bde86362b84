import 'server-only';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { listGuides } from '@/lib/guides/load-guides';
import { listSessions } from '@/lib/guides/load-sessions';
import type { FeedbackCatalog } from './feedback-catalog';

/** The real catalog: the config repository at its current revision and the content folder. */
export async function loadFeedbackCatalog(): Promise<FeedbackCatalog> {
  const catalog = await loadCatalog();
  return {
    apps: catalog.apps.map((app) => ({ name: app.name, team: app.team, environments: app.environments })),
    teams: catalog.teams.map((team) => ({ id: team.id, name: team.name })),
    platformPeople: catalog.people.filter((p) => p.role === 'platform').map((p) => ({ email: p.email, name: p.name })),
    guides: listGuides().map((guide) => ({ slug: guide.slug, title: guide.frontmatter.title })),
    sessions: listSessions().map((session) => ({ id: session.id, title: session.title, startsAt: new Date(session.date).toISOString() })),
  };
}
