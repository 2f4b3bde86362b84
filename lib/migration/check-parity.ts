import 'server-only';
// Parity with Aptible from what an engineer pastes: the pastes are read for names and shapes
// (aptible-paste.ts), compared key by key with the app's merged values in each environment, and —
// when asked — the names are recorded in migration.yaml under the person's name. The pastes'
// values are never stored, logged, audited or sent back: only the parsed names leave this file.
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { viewApp } from '@/lib/catalog/view-app';
import type { BerthDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { fail, ok, type Result, parseInput } from '@/lib/result/result';
import { type AptibleEndpoint, type AptibleService, type PasteProblem, parseAptibleConfig, parseAptibleEndpoints, parseAptibleServices } from './aptible-paste';
import { type AptibleFacts, computeParity, type ParityReport, parityFromMigrationFile } from './compute-parity';
import { textCarriesSecret } from './find-inline-secrets';
import { loadEffectiveValues } from './load-parity';
import { checkParityInput, type CheckParityInput, dropConfigKeyInput, type DropConfigKeyInput } from './migration-inputs';
import type { MigrationFile } from './migration-file';
import { readMigration } from './read-migrations';
import { startMigrationUpdate, type MigrationWriteDetails, type MigrationWriteOutcome, writeMigration } from './write-migration';

export type PasteName = 'config' | 'services' | 'endpoints';

export interface ParityCheckDetails extends MigrationWriteDetails {
  /** The paste that could not be read: which box, the line and why (never the line's text). */
  paste?: { which: PasteName } & PasteProblem;
}

export interface ParityCheck {
  report: ParityReport;
  /** How much each paste held (absent: not pasted, the recorded names were used). */
  read: Partial<Record<PasteName, number>>;
  /** Services whose command was not kept: it looked like it carried a credential. */
  commandsWithheld: string[];
  /** The revision the values were compared at. */
  revision: string;
  /** Set when the names were recorded in migration.yaml. */
  recorded?: MigrationWriteOutcome;
}

export interface CheckParityDeps {
  repo?: ConfigRepo;
  db?: BerthDb;
  now?: () => Date;
}

const WITHHELD_COMMAND = 'CMD';

export async function checkParity(user: BerthUser, raw: CheckParityInput, deps: CheckParityDeps = {}): Promise<Result<ParityCheck, ParityCheckDetails>> {
  // zod's messages name the field, never its text.
  const parsed = parseInput(checkParityInput, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const repo = deps.repo ?? getConfigRepo();
  const found = await viewApp(user, input.app, { repo });
  if (!found.ok) return found;
  const { app } = found.data;
  if (input.save) {
    const decision = decide(user, 'migration.update', { app });
    if (!decision.allowed) return fail('forbidden', decision.reason);
  }
  if (!input.config?.trim() && !input.services?.trim() && !input.endpoints?.trim()) {
    return fail('invalid', 'Paste the output of at least one of the three commands.');
  }

  // Read each paste; the first that cannot be read stops everything (nothing recorded).
  const read: ParityCheck['read'] = {};
  let keys: string[] | undefined;
  let services: AptibleService[] | undefined;
  let endpoints: AptibleEndpoint[] | undefined;
  const refuse = (which: PasteName, problem: PasteProblem) =>
    fail<ParityCheckDetails>('invalid', `The ${which} paste cannot be read at line ${problem.line}: ${problem.message}. Nothing was recorded.`, { details: { paste: { which, ...problem } } });
  if (input.config?.trim()) {
    const parsed = parseAptibleConfig(input.config);
    if (!parsed.ok) return refuse('config', parsed.problem);
    keys = parsed.data.keys;
    read.config = keys.length;
  }
  const commandsWithheld: string[] = [];
  if (input.services?.trim()) {
    const parsed = parseAptibleServices(input.services);
    if (!parsed.ok) return refuse('services', parsed.problem);
    services = parsed.data.map((s) => {
      if (!textCarriesSecret(s.command)) return s;
      commandsWithheld.push(s.name);
      return { ...s, command: WITHHELD_COMMAND };
    });
    read.services = services.length;
  }
  if (input.endpoints?.trim()) {
    const parsed = parseAptibleEndpoints(input.endpoints);
    if (!parsed.ok) return refuse('endpoints', parsed.problem);
    endpoints = parsed.data;
    read.endpoints = endpoints.length;
  }

  const revision = input.save ? input.baseRevision : await headRevision(repo);
  const current = await readMigration(repo, app.name, revision);
  const recorded = current.status === 'ok' && current.migration.parity ? parityFromMigrationFile(current.migration.parity) : undefined;
  const facts: AptibleFacts = {
    configKeys: keys ?? recorded?.facts.configKeys ?? [],
    services: services ?? recorded?.facts.services ?? [],
    endpoints: endpoints ?? recorded?.facts.endpoints ?? [],
  };
  const mapping = recorded?.mapping ?? {};
  const report = computeParity(facts, { ...mapping, dropped: Object.fromEntries(Object.entries(mapping.dropped ?? {}).filter(([k]) => facts.configKeys.includes(k))) }, await loadEffectiveValues(repo, app, revision));
  if (!input.save) return ok({ report, read, commandsWithheld, revision });

  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const written = await writeMigration(
    user,
    {
      app,
      baseRevision: input.baseRevision,
      message: `${app.name}: record what Aptible has (${Object.entries(read).map(([which, n]) => `${n} ${which === 'config' ? 'config keys' : which}`).join(', ')}), names only`,
      audit: () => ({ parity: read, ...(commandsWithheld.length ? { commandsWithheld } : {}) }),
      edit: (doc, file) => {
        const before = file?.parity;
        const next: NonNullable<MigrationFile['parity']> = {
          configKeys: facts.configKeys.slice(),
          dropped: Object.fromEntries(Object.entries(before?.dropped ?? {}).filter(([k]) => facts.configKeys.includes(k))),
          services: services
            ? Object.fromEntries(
                report.services.map((s) => [
                  s.service,
                  { ...(s.deployment ? { deployment: s.deployment } : {}), containerCount: s.aptible.containerCount, containerSizeMb: s.aptible.containerSizeMb, command: s.aptible.command },
                ]),
              )
            : (before?.services ?? {}),
          endpoints: endpoints
            ? report.endpoints.map((e) => {
                const source = endpoints!.find((x) => x.hostname === e.hostname)!;
                return { hostname: e.hostname, type: e.type, ...(source.service ? { service: source.service } : {}), ...(e.internal ? { internal: true } : {}), ...(e.internal ? {} : { host: e.expectedHost }) };
              })
            : (before?.endpoints ?? []),
          recordedBy: user.email,
          recordedAt: today,
        };
        doc.set('parity', parityNode(doc, next));
      },
    },
    { repo, db: deps.db },
  );
  if (!written.ok) return written;
  const after = await readMigration(repo, app.name, written.data.revision);
  const recordedAfter = after.status === 'ok' && after.migration.parity ? parityFromMigrationFile(after.migration.parity) : undefined;
  const finalReport = recordedAfter ? computeParity(recordedAfter.facts, recordedAfter.mapping, await loadEffectiveValues(repo, app, written.data.revision)) : report;
  return ok({ report: finalReport, read, commandsWithheld, revision: written.data.revision, recorded: written.data });
}

/** The parity block as the sample files write it: lists and services on one line each. */
function parityNode(doc: Document, parity: NonNullable<MigrationFile['parity']>) {
  const node = doc.createNode(parity) as YAMLMap;
  const keys = node.get('configKeys', true) as YAMLSeq | undefined;
  if (keys) keys.flow = true;
  const services = node.get('services', true) as YAMLMap | undefined;
  for (const pair of services?.items ?? []) (pair.value as YAMLMap).flow = true;
  if (Object.keys(parity.dropped).length === 0) node.delete('dropped');
  if (parity.endpoints.length === 0) node.delete('endpoints');
  if (Object.keys(parity.services).length === 0) node.delete('services');
  return node;
}

/**
 * Record that an Aptible config key stays behind on purpose, with the reason (an empty reason
 * takes it back: the key must then be in env or secretEnv to count).
 */
export async function dropConfigKey(user: BerthUser, raw: DropConfigKeyInput, deps: CheckParityDeps = {}): Promise<Result<MigrationWriteOutcome, MigrationWriteDetails>> {
  const started = await startMigrationUpdate(user, dropConfigKeyInput, raw, deps);
  if (!started.ok) return started;
  const { input, app, repo } = started.data;
  return writeMigration(
    user,
    {
      app,
      baseRevision: input.baseRevision,
      message: input.reason ? `${app.name}: ${input.key} stays behind on Aptible — ${input.reason}` : `${app.name}: ${input.key} is no longer dropped`,
      audit: () => ({ key: input.key, dropped: input.reason !== '' }),
      edit: (doc, file) => {
        if (!file?.parity?.configKeys.includes(input.key)) {
          return fail('invalid', `${input.key} is not among the config keys recorded from Aptible: paste and record aptible config first.`);
        }
        if (input.reason) doc.setIn(['parity', 'dropped', input.key], input.reason);
        else if (doc.hasIn(['parity', 'dropped', input.key])) {
          doc.deleteIn(['parity', 'dropped', input.key]);
          if (Object.keys((doc.getIn(['parity', 'dropped']) as YAMLMap | undefined)?.toJSON() ?? {}).length === 0) doc.deleteIn(['parity', 'dropped']);
        }
      },
    },
    { repo, db: deps.db },
  );
}
