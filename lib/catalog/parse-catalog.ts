// Turns the catalog files' texts into a Catalog. Pure: the caller reads the files (at one revision).
import { parse } from 'yaml';
import type { z } from 'zod';
import { ENVIRONMENT_NAMES, isAppName } from './app-name';
import { appFileSchema, environmentsFileSchema, teamsFileSchema } from './schemas';
import type { App, BrokenApp, Catalog, Environment, Person, Team } from './types';

export interface CatalogFiles {
  revision: string;
  teams: string | null;
  environments: string | null;
  /** Folder name under apps/ → its app.yaml text (null when missing). */
  apps: Record<string, string | null>;
}

const PLATFORM_TEAM = 'platform';

export function parseCatalog(files: CatalogFiles): Catalog {
  const problems: string[] = [];
  const teamsFile = parseFile('teams.yaml', files.teams, teamsFileSchema, problems);
  const environmentsFile = parseFile('environments.yaml', files.environments, environmentsFileSchema, problems);

  const teams: Team[] = (teamsFile?.teams ?? []).map((team) => ({
    id: team.id,
    name: team.name,
    description: team.description,
    chat: team.chat,
    isPlatform: team.id === PLATFORM_TEAM,
    members: team.members.map((m) => ({ ...m, team: team.id })),
  }));
  const people = dedupePeople(teams.flatMap((t) => t.members), problems);
  const environments: Environment[] =
    environmentsFile?.environments.map((env) => ({ ...env, kubeContext: env.kubeContext ?? env.name })) ??
    ENVIRONMENT_NAMES.map((name) => ({ name, project: '', cluster: '', region: '', kubeContext: name, aptible: [], requiresApproval: name === 'production', logsHoldPhi: true }));

  const apps: App[] = [];
  const brokenApps: BrokenApp[] = [];
  for (const [folder, text] of Object.entries(files.apps).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isAppName(folder)) {
      brokenApps.push({ name: folder.slice(0, 63), configError: 'The folder name is not a valid app name (lowercase letters, digits and dashes).' });
      continue;
    }
    const result = parseApp(folder, text, teams);
    if ('configError' in result) brokenApps.push(result);
    else apps.push(result);
  }
  return { revision: files.revision, teams, people, environments, apps, brokenApps, problems };
}

function parseApp(folder: string, text: string | null, teams: Team[]): App | BrokenApp {
  const where = `apps/${folder}/app.yaml`;
  if (text === null) return { name: folder, configError: `${where} is missing.` };
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true, maxAliasCount: 10 });
  } catch (error) {
    return { name: folder, configError: `${where} is not valid YAML: ${firstLine(error)}` };
  }
  const parsed = appFileSchema.safeParse(raw);
  if (!parsed.success) return { name: folder, configError: `${where}: ${describeIssues(parsed.error)}` };
  const app = parsed.data;
  if (app.name !== folder) return { name: folder, configError: `${where}: name is "${app.name}" but the folder is "${folder}".` };
  if (!teams.some((t) => t.id === app.team)) {
    return { name: folder, configError: `${where}: team "${app.team}" is not in teams.yaml.` };
  }
  return {
    ...app,
    files: {
      shared: `apps/${folder}/values.yaml`,
      byEnvironment: Object.fromEntries(app.environments.map((env) => [env, `apps/${folder}/values-${env}.yaml`])),
    },
  };
}

function parseFile<T extends z.ZodType>(name: string, text: string | null, schema: T, problems: string[]): z.infer<T> | undefined {
  if (text === null) {
    problems.push(`${name} is missing from the config repository.`);
    return undefined;
  }
  try {
    const parsed = schema.safeParse(parse(text, { uniqueKeys: true, maxAliasCount: 10 }));
    if (parsed.success) return parsed.data;
    problems.push(`${name}: ${describeIssues(parsed.error)}`);
  } catch (error) {
    problems.push(`${name} is not valid YAML: ${firstLine(error)}`);
  }
  return undefined;
}

function dedupePeople(people: Person[], problems: string[]): Person[] {
  const byEmail = new Map<string, Person>();
  for (const person of people) {
    if (byEmail.has(person.email)) {
      problems.push(`teams.yaml: ${person.email} is listed in more than one team; the first one counts.`);
      continue;
    }
    byEmail.set(person.email, person);
  }
  return [...byEmail.values()];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`)
    .join('; ');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
