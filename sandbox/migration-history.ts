// The sample company's migration as git history, for the embedded default: the commits the
// working group would have made to each app's migration.yaml over the autumn, dated from the dates
// the sample files record (parity recorded, validated in stage). They come before the sample's
// initial commit, which then writes every file as it is — so the board's burn-up has a past to draw
// while every other page sees the same head as before. Product code of the sandbox: the texts are
// valid migration.yaml files, parsed with Berth's own schema.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { SeedCommit } from '@/lib/gitops/ensure-config-repo';
import { type MigrationFile, parseMigrationFile } from '@/lib/migration/migration-file';

const DAY = 24 * 60 * 60_000;
const START = Date.parse('2026-08-20T15:00:00Z');
const PRIYA = { name: 'Priya Raman', email: 'priya.raman@meridiancare.example' };

interface AppEvent {
  time: number;
  app: string;
  message: string;
  author: { name: string; email: string };
  file: Partial<MigrationFile> & { state: MigrationFile['state'] };
}

function personOf(email: string): { name: string; email: string } {
  const name = email
    .split('@')[0]
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
  return { name, email };
}

function text(app: string, file: AppEvent['file']): string {
  const body = stringify(file, { lineWidth: 0 });
  const parsed = parseMigrationFile(body);
  if (!parsed.ok) throw new Error(`sandbox migration history of ${app}: ${parsed.problems[0]?.message}`);
  return `# ${app}'s move from Aptible to GKE.\n${body}`;
}

/** The seed commits for the sample at `sampleDir`, oldest first, all before `now`. */
export function migrationHistory(sampleDir: string, now = Date.now()): SeedCommit[] {
  const appsDir = path.join(sampleDir, 'apps');
  const events: AppEvent[] = [];
  const apps: string[] = [];
  for (const app of fs.readdirSync(appsDir).sort()) {
    const file = path.join(appsDir, app, 'migration.yaml');
    if (!fs.existsSync(file)) continue;
    const parsed = parseMigrationFile(fs.readFileSync(file, 'utf8'));
    if (!parsed.ok) continue;
    apps.push(app);
    const m = parsed.migration;
    const team = m.validatedInStage ? personOf(m.validatedInStage.by) : m.parity?.recordedBy ? personOf(m.parity.recordedBy) : PRIYA;
    const recorded = m.parity?.recordedAt ? Date.parse(`${m.parity.recordedAt}T16:00:00Z`) : undefined;
    const validated = m.validatedInStage ? Date.parse(`${m.validatedInStage.at}T17:00:00Z`) : undefined;
    if (recorded !== undefined && m.state !== 'aptible-only') events.push({ time: recorded, app, author: team, message: `${app}: running in GKE stage`, file: { state: 'gke-stage' } });
    if (validated !== undefined && m.validatedInStage) {
      const validatedInStage = m.validatedInStage;
      events.push({ time: validated, app, author: team, message: `${app} validated in stage`, file: { state: 'validated-in-stage', validatedInStage } });
      if (m.cutover) {
        // The ladder's 5, 15 and 25 % days, a few days apart.
        [5, 15, 25].forEach((share, i) => events.push({ time: validated + (3 + 3 * i) * DAY, app, author: team, message: `${app}: cutover, GKE at ${share} %`, file: { state: 'cutover', gkeShare: share, validatedInStage, cutover: m.cutover } }));
      }
      if (m.state === 'gke-100' || m.state === 'aptible-deprovisioned') {
        events.push({ time: validated + (m.cutover ? 16 : 7) * DAY, app, author: team, message: `${app}: 100 % on GKE`, file: { state: 'gke-100', validatedInStage } });
      }
      if (m.state === 'aptible-deprovisioned') events.push({ time: validated + 30 * DAY, app, author: team, message: `${app}: aptible deprovisioned`, file: { state: 'aptible-deprovisioned', validatedInStage } });
    }
  }
  const seeds: SeedCommit[] = [
    {
      time: new Date(START),
      message: 'Track every app’s move from Aptible (migration.yaml, state only)',
      author: PRIYA,
      files: Object.fromEntries(apps.map((app) => [`apps/${app}/migration.yaml`, text(app, { state: 'aptible-only' })])),
    },
  ];
  for (const event of events.filter((e) => e.time < now - DAY).sort((a, b) => a.time - b.time)) {
    seeds.push({ time: new Date(event.time), message: event.message, author: event.author, files: { [`apps/${event.app}/migration.yaml`]: text(event.app, event.file) } });
  }
  return seeds;
}
