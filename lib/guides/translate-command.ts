// Translates an `aptible …` command line into its GKE / GCP / Berth equivalents, filled in from the
// app's real shape: its namespace, the environment's cluster and project, its actual deployments
// (never an assumed `web`), whether they are autoscaled, its image repository, secrets and Cloud
// SQL instance. Isomorphic (no fs, no server-only): the /commands page runs it in the browser with
// the command list and the app shapes the server loaded.
import type { AppDeploymentShape, AppEnvironmentShape, AppShape, TranslatorEnvironment } from './app-shape';
import { secretReason } from './looks-secret';
import type { CommandArg, CommandEntry, CommandEquivalent, CommandFlag, EquivalentCondition, EquivalentTool } from './schemas';

/** Every placeholder a template in content/commands.yaml may use, with what fills it. */
export const PLACEHOLDERS = {
  app: 'the app (--app, or the app you picked)',
  namespace: "the app's Kubernetes namespace",
  context: 'the kube context of the environment: stage or production',
  deployment: "one of the app's Deployments: <app>-<name>",
  service: "the deployment's key under deployments: (web, api, worker…), also its container's name",
  project: 'the GCP project of the environment',
  cluster: 'the GKE cluster of the environment',
  region: "the environment's region",
  env: 'the environment: stage or production',
  count: 'the container count (replicas)',
  sizeMb: 'the container size in MB',
  memory: 'the memory limit, from the container size',
  cpu: 'the CPU request, from the container size and profile',
  profile: 'the container profile: m, c or r',
  var: 'an environment variable name',
  value: "an environment variable's value (never shown for a secret)",
  secret: 'a Secret Manager secret name',
  handle: 'an Aptible database handle, or the Cloud SQL instance it became',
  instance: "the app's Cloud SQL instance",
  database: 'the database inside the instance',
  target: 'another Cloud SQL instance to clone or restore into',
  backup: 'a Cloud SQL backup id (gcloud sql backups list)',
  user: 'your IAM database user: your email address',
  port: 'a local port',
  image: 'a container image reference',
  repository: "the app's Artifact Registry repository (image.repository)",
  tag: 'an image tag CI built: <date>-<short git sha>',
  digest: 'an image digest, sha256:…',
  ref: 'a git commit, branch or tag',
  operation: 'an Aptible operation id',
  command: 'a command to run in the container',
  hostname: "an endpoint's hostname",
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

export type TranslationContext = {
  /** The app's real shape: picked on the page, or found from a typed --app. */
  app?: AppShape;
  /** The environment picked on the page; a typed --environment wins. */
  env?: string;
  /** The signed-in person's email, for an IAM database user. */
  user?: string;
};

export type TranslateOptions = {
  environments?: TranslatorEnvironment[];
  /** Every app's shape, so a typed --app (or former Aptible name) finds its own. */
  apps?: AppShape[];
};

export type ParsedFlag = { name: string; value: string };

export type FilledEquivalent = {
  tool: EquivalentTool;
  /** The template with every known placeholder filled; the rest shown as <APP>, <SIZE_MB>. */
  command: string;
  template: string;
  note?: string;
  /** The deployment this line is for, when the app has several and the command named none. */
  deployment?: string;
  /** Why this equivalent was chosen, when a condition decided it. */
  when?: EquivalentCondition;
  /** Placeholders that stayed unfilled. */
  missing: string[];
};

export type TranslationResult = {
  status: 'ok' | 'removed' | 'unknown';
  /** The command name as typed (after `aptible`), e.g. "apps:scale". */
  commandName: string | null;
  entry?: CommandEntry;
  /** Flags by canonical name (`--environment` for `--env`), then positional arguments by usage name. */
  flagsParsed: ParsedFlag[];
  unknownFlags: string[];
  equivalents: FilledEquivalent[];
  berth?: { label: string; path: string; missing: string[] };
  /** Close matches by edit distance, best first. */
  suggestions: CommandEntry[];
  /** Things worth telling the user: a missing value, an unknown deployment, a removed flag. */
  warnings: string[];
  /** The app and environment the commands were filled for. */
  app: string | null;
  env: string | null;
  /** The input with anything that looks like a secret replaced by …, safe for a URL or a log. */
  redactedInput: string;
};

// ---------------------------------------------------------------------------------------------
// Tokenizing

export type Tokenized = { tokens: string[]; error?: string };

/** Splits like a POSIX shell: 'single' and "double" quotes, backslash escapes, `\` line joins. */
export function tokenizeCommandLine(input: string): Tokenized {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < input.length && '"\\$`\n'.includes(input[i + 1])) {
        i += 1;
        if (input[i] !== '\n') current += input[i];
      } else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inToken = true;
    } else if (ch === '\\') {
      if (i + 1 < input.length) {
        i += 1;
        if (input[i] === '\n' || (input[i] === '\r' && input[i + 1] === '\n')) {
          if (input[i] === '\r') i += 1;
          continue;
        }
        current += input[i];
        inToken = true;
      }
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return quote ? { tokens, error: `The ${quote === "'" ? 'single' : 'double'} quote is never closed.` } : { tokens };
}

// ---------------------------------------------------------------------------------------------
// Quoting and template filling

const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  if (value !== '' && SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

type Value = { text: string; raw?: boolean };
type Values = Partial<Record<string, Value>>;

function placeholderLabel(name: string): string {
  return `<${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}>`;
}

/**
 * Fills {placeholders}. With `shell`, each value is quoted for where it lands: bare words get
 * shell quoting, values inside '…' or "…" of the template are escaped for that quote.
 */
export function fillTemplate(
  template: string,
  values: Partial<Record<string, string | Value>>,
  { shell }: { shell: boolean },
): { text: string; missing: string[] } {
  const missing: string[] = [];
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i += 1) {
    const ch = template[i];
    const placeholder = ch === '{' ? /^\{([a-z][a-zA-Z]*)\}/.exec(template.slice(i)) : null;
    if (placeholder) {
      const name = placeholder[1];
      const given = values[name];
      const value: Value | undefined = typeof given === 'string' ? { text: given } : given;
      if (value === undefined || value.text === '') {
        if (!missing.includes(name)) missing.push(name);
        out += placeholderLabel(name);
      } else if (!shell || value.raw) out += value.text;
      else if (quote === "'") out += value.text.replace(/'/g, `'\\''`);
      else if (quote === '"') out += value.text.replace(/(["\\$`])/g, '\\$1');
      else out += shellQuote(value.text);
      i += placeholder[0].length - 1;
      continue;
    }
    if (shell) {
      if (quote === null && (ch === "'" || ch === '"')) quote = ch;
      else if (quote === ch) quote = null;
    }
    out += ch;
  }
  return { text: out, missing };
}

/** Placeholder names a template uses, in order. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([a-z][a-zA-Z]*)\}/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------
// Edit distance and suggestions

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

function commandDistance(typed: string, entry: CommandEntry): number {
  const name = entry.command.toLowerCase();
  const parts = name.split(':');
  // `scale` is closer to `apps:scale` than the full strings say: compare each part, lightly penalised.
  const byPart = Math.min(...parts.map((part) => editDistance(typed, part) + 1));
  const bySwap = parts.length > 1 ? editDistance(typed, [...parts].reverse().join(':')) + 1 : Infinity;
  return Math.min(editDistance(typed, name), byPart, bySwap);
}

export function suggestCommands(typed: string, commands: CommandEntry[], limit = 5): CommandEntry[] {
  const needle = typed.toLowerCase();
  if (!needle) return [];
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  return commands
    .map((entry, index) => ({ entry, index, distance: commandDistance(needle, entry) }))
    .filter(({ entry, distance }) => distance <= threshold || entry.command.toLowerCase().startsWith(needle))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

// ---------------------------------------------------------------------------------------------
// Parsing the arguments of a known command

type ParsedArgs = {
  flags: ParsedFlag[];
  unknownFlags: string[];
  /** One entry per positional occurrence: the usage name and the value. */
  positionals: { arg: CommandArg; value: string }[];
  warnings: string[];
};

function findFlag(entry: CommandEntry, name: string): CommandFlag | undefined {
  return entry.flags.find((flag) => flag.name === name || flag.aliases?.includes(name));
}

function parseArguments(entry: CommandEntry, tokens: string[]): ParsedArgs {
  const result: ParsedArgs = { flags: [], unknownFlags: [], positionals: [], warnings: [] };
  const args = entry.args ?? [];
  let argIndex = 0;
  let flagsEnded = false;

  const pushPositional = (value: string) => {
    const arg = args[argIndex];
    if (!arg) {
      result.warnings.push(`Unexpected argument "${value}": \`aptible ${entry.command}\` does not take it.`);
      return;
    }
    result.positionals.push({ arg, value });
    if (!arg.variadic && !arg.rest) argIndex += 1;
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    const current = args[argIndex];
    if (current?.rest && result.positionals.some((p) => p.arg === current)) {
      // Everything after the first word of a rest argument belongs to it (`aptible ssh rails c`).
      result.positionals.push({ arg: current, value: token });
      continue;
    }
    if (!flagsEnded && token === '--') {
      flagsEnded = true;
      continue;
    }
    if (!flagsEnded && /^-{1,2}[A-Za-z]/.test(token)) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token : token.slice(0, eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      const flag = findFlag(entry, name);
      if (!flag) {
        result.unknownFlags.push(name);
        continue;
      }
      let value = inline;
      if (flag.value !== undefined && value === undefined) {
        const next = tokens[i + 1];
        if (next !== undefined && !/^--[A-Za-z]/.test(next)) {
          value = next;
          i += 1;
        }
      }
      if (flag.removed) {
        result.warnings.push(`${flag.name} is gone from the aptible CLI (${flag.removed.since}); use ${flag.removed.replacement}.`);
        continue;
      }
      if (flag.value === undefined) {
        result.flags.push({ name: flag.name, value: inline ?? 'true' });
        continue;
      }
      if (value === undefined || value === '') {
        result.warnings.push(`${flag.name} needs a value (${flag.value}).`);
        continue;
      }
      result.flags.push({ name: flag.name, value });
      continue;
    }
    pushPositional(token);
  }

  for (const arg of args) {
    if (!arg.optional && !result.positionals.some((p) => p.arg === arg)) {
      result.warnings.push(`${arg.name} is missing: ${arg.meaning}`);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// What the command is about: the app, the environment, the deployment, the variables, the image

const PROFILE_MB_PER_CPU: Record<string, number> = { m: 4096, c: 2048, r: 8192 };

function findEnvironment(environments: TranslatorEnvironment[], handle: string): TranslatorEnvironment | undefined {
  const wanted = handle.toLowerCase();
  return environments.find((env) => env.name === wanted || env.aptible.some((alias) => alias.toLowerCase() === wanted));
}

/** An app by its name or by the Aptible handle it had before the move (admin → care-admin). */
function findApp(apps: AppShape[], name: string): AppShape | undefined {
  return apps.find((app) => app.name === name) ?? apps.find((app) => app.aptibleApp === name);
}

/** A database by its former Aptible handle or its instance name, with the app that owns it. */
function findDatabase(apps: AppShape[], handle: string): AppShape | undefined {
  return apps.find((app) => app.database && (app.database.aptible === handle || app.database.instance === handle));
}

type ImageRef = { repository: string; tag?: string; digest?: string };

/** `repo:tag`, `repo@sha256:…` (a digest stays a digest) or `repo:tag@sha256:…`. */
export function parseImageReference(reference: string): ImageRef {
  const at = reference.indexOf('@');
  if (at !== -1) {
    const name = reference.slice(0, at);
    const colon = name.lastIndexOf(':');
    const tagged = colon > name.lastIndexOf('/');
    return { repository: tagged ? name.slice(0, colon) : name, digest: reference.slice(at + 1), ...(tagged ? { tag: name.slice(colon + 1) } : {}) };
  }
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference };
}

type VariablePair = { var: string; value: string | undefined; secret: string | null };

/** `VAR=VAL` pairs (or bare names) of a variadic argument, each marked secret or plain. */
function variablePairs(parsed: ParsedArgs, knownSecrets: string[], warnings: string[]): VariablePair[] {
  const pairs: VariablePair[] = [];
  for (const { arg, value } of parsed.positionals) {
    if (!arg.variadic && arg.placeholder === 'var') {
      // One named variable (config:get VAR): in Secret Manager only if the app's secretEnv names it.
      pairs.push({ var: value, value: undefined, secret: knownSecrets.includes(value) ? `${value} comes from Secret Manager (secretEnv)` : null });
      continue;
    }
    if (!arg.variadic) continue;
    if (!arg.name.includes('=')) {
      pairs.push({ var: value, value: undefined, secret: knownSecrets.includes(value) ? `${value} comes from Secret Manager (secretEnv)` : null });
      continue;
    }
    const eq = value.indexOf('=');
    if (eq <= 0) {
      warnings.push(`"${value}" is not VAR=VALUE.`);
      continue;
    }
    const name = value.slice(0, eq);
    const val = value.slice(eq + 1);
    if (val === '') warnings.push(`"${name}=" deleted ${name} on Aptible; here remove the key from the values instead (config:unset).`);
    const secret = secretReason(name, val, knownSecrets);
    if (secret) warnings.push(`${name} looks like a secret (${secret}): it goes to Secret Manager and secretEnv, never into the values files.`);
    pairs.push({ var: name, value: val, secret });
  }
  return pairs;
}

/** The new secret's name when the app does not have one yet: <app>-<var>, as our secrets are named. */
function suggestedSecretName(app: string | undefined, variable: string): string {
  const base = variable.toLowerCase().replace(/_/g, '-');
  return app ? `${app}-${base}` : base;
}

function usesAny(template: string, names: string[]): boolean {
  return names.some((name) => template.includes(`{${name}}`));
}

// ---------------------------------------------------------------------------------------------
// The translator

const SHELL_TOOLS: ReadonlySet<EquivalentTool> = new Set(['kubectl', 'gcloud', 'helm', 'git', 'shell']);

function emptyResult(commandName: string | null, warnings: string[], redactedInput: string): TranslationResult {
  return { status: 'unknown', commandName, flagsParsed: [], unknownFlags: [], equivalents: [], suggestions: [], warnings, app: null, env: null, redactedInput };
}

type Round = { deployment?: AppDeploymentShape; pair?: VariablePair };

/** Whether an equivalent applies in this round; `undefined` when nothing here can tell. */
function conditionHolds(when: EquivalentCondition, round: Round, facts: { image?: ImageRef; database: boolean; appKnown: boolean }): boolean | undefined {
  switch (when) {
    case 'autoscaled':
      return round.deployment ? round.deployment.autoscaled : undefined;
    case 'fixed-replicas':
      return round.deployment ? !round.deployment.autoscaled : undefined;
    case 'secret-value':
      return round.pair ? round.pair.secret !== null : undefined;
    case 'plain-value':
      return round.pair ? round.pair.secret === null : undefined;
    case 'secret-name':
      return round.pair ? round.pair.secret !== null : false;
    case 'tag':
      return facts.image ? facts.image.tag !== undefined && facts.image.digest === undefined : true;
    case 'digest':
      return facts.image ? facts.image.digest !== undefined : false;
    case 'database':
      return facts.database;
  }
}

export function translateCommand(
  input: string,
  commands: CommandEntry[],
  context: TranslationContext = {},
  options: TranslateOptions = {},
): TranslationResult {
  const { tokens: allTokens, error } = tokenizeCommandLine(input.trim().replace(/^\$\s+/, ''));
  const warnings = error ? [error] : [];
  const hasAptible = allTokens[0]?.toLowerCase() === 'aptible';
  const tokens = hasAptible ? allTokens.slice(1) : allTokens;
  const commandName = tokens[0];
  const environments = options.environments ?? [];
  const apps = options.apps ?? (context.app ? [context.app] : []);

  if (commandName === undefined) {
    return emptyResult(null, [...warnings, 'Type an aptible command, e.g. aptible logs --app patient-portal.'], input.trim());
  }
  if (commandName.startsWith('-')) {
    return emptyResult(null, [...warnings, 'Start with the command name, e.g. aptible apps:scale web --container-count 3.'], input.trim());
  }

  const entry = commands.find((candidate) => candidate.command === commandName.toLowerCase());
  if (!entry) {
    return { ...emptyResult(commandName, warnings, input.trim()), suggestions: suggestCommands(commandName, commands) };
  }

  const parsed = parseArguments(entry, tokens.slice(1));
  warnings.push(...parsed.warnings);
  const flag = (name: string) => parsed.flags.find((f) => f.name === name)?.value;
  const positional = (placeholder: string) => parsed.positionals.find((p) => p.arg.placeholder === placeholder && !p.arg.rest)?.value;

  // The environment: a typed --environment (an Aptible handle or our name) wins over the page.
  let environment: TranslatorEnvironment | undefined;
  const typedEnv = flag('--environment');
  if (typedEnv) {
    environment = findEnvironment(environments, typedEnv);
    if (!environment && environments.length > 0) {
      warnings.push(`Unknown Aptible environment "${typedEnv}"; known: ${environments.flatMap((e) => [e.name, ...e.aptible]).join(', ')}.`);
    }
  }
  environment ??= context.env ? findEnvironment(environments, context.env) : undefined;

  // The app: a typed --app (our name or its former Aptible handle) wins over the page.
  let app = context.app;
  const typedApp = flag('--app');
  if (typedApp) {
    app = findApp(apps, typedApp);
    if (!app && apps.length > 0) warnings.push(`"${typedApp}" is not an app in the config repository (nor the former Aptible name of one).`);
    else if (app && app.name !== typedApp) warnings.push(`${typedApp} was the Aptible name; the app is ${app.name} now.`);
  }
  // A database handle names its app too (`aptible db:tunnel patient-portal-db`).
  const handle = positional('handle') ?? flag('--database');
  if (handle && apps.length > 0) {
    const owner = findDatabase(apps, handle);
    if (owner) app ??= owner;
    else warnings.push(`"${handle}" is not a database we know; every app's app.yaml names its Cloud SQL instance (database.instance).`);
    if (owner && app && owner.name !== app.name) warnings.push(`${handle} is ${owner.name}'s database, not ${app.name}'s.`);
  }
  const shape: AppEnvironmentShape | undefined = app && environment ? app.environments[environment.name] : undefined;
  if (shape?.problem) warnings.push(`${app?.name}'s values in ${environment?.name} could not be read (${shape.problem}); commands are not filled from them.`);

  const values: Values = {};
  const set = (name: string, text: string | undefined, raw = false) => {
    if (text !== undefined && text !== '') values[name] = { text, raw };
  };
  set('app', app?.name ?? typedApp);
  set('namespace', app?.namespace);
  if (environment) {
    set('env', environment.name);
    set('context', environment.context);
    set('project', environment.project);
    set('cluster', environment.cluster);
    set('region', environment.region);
  }
  set('user', context.user);
  if (app?.database) {
    set('instance', app.database.instance);
    set('database', app.database.name);
  } else if (handle) {
    set('instance', handle);
  }
  set('repository', shape?.image?.repository);

  // Typed flags and positional arguments fill their placeholders.
  for (const { name, value } of parsed.flags) {
    const placeholder = findFlag(entry, name)?.placeholder;
    if (placeholder && !['app', 'env', 'instance'].includes(placeholder)) set(placeholder, value);
  }
  const rest = parsed.positionals.filter((p) => p.arg.rest);
  if (rest.length > 0 && rest[0].arg.placeholder) set(rest[0].arg.placeholder, rest.map((p) => shellQuote(p.value)).join(' '), true);
  for (const { arg, value } of parsed.positionals) {
    if (arg.rest || arg.variadic || !arg.placeholder || ['app', 'handle', 'service'].includes(arg.placeholder)) continue;
    set(arg.placeholder, value);
  }
  for (const [name, text] of Object.entries(entry.defaults ?? {})) {
    if (!values[name]) set(name, text, name === 'command');
  }

  // Size and profile → memory and CPU.
  const sizeMb = values.sizeMb?.text;
  if (sizeMb !== undefined) {
    const mb = Number(sizeMb);
    if (!Number.isFinite(mb) || mb <= 0) {
      warnings.push(`--container-size takes a size in MB (512, 1024, 2048 …), not "${sizeMb}".`);
    } else {
      set('memory', `${mb}Mi`);
      const perCpu = PROFILE_MB_PER_CPU[(values.profile?.text ?? 'm').toLowerCase()];
      if (perCpu) set('cpu', `${Math.max(1, Math.round((mb / perCpu) * 1000))}m`);
    }
  }
  if (values.profile && !PROFILE_MB_PER_CPU[values.profile.text.toLowerCase()]) {
    warnings.push(`--container-profile is m, c or r, not "${values.profile.text}".`);
  }

  // The image: a digest stays a digest; the chart deploys tags only.
  let image: ImageRef | undefined;
  if (values.image) {
    image = parseImageReference(values.image.text);
    if (image.tag) set('tag', image.tag);
    if (image.digest) {
      set('digest', image.digest);
      warnings.push('That image is given by digest. The chart deploys a tag (image.tag), so find the tag CI gave this digest; never paste the digest into image.tag.');
    }
    if (shape?.image && image.repository !== shape.image.repository) {
      warnings.push(`${image.repository} is not ${app?.name}'s repository (${shape.image.repository}); every image that runs comes from CI's repository.`);
    }
    set('repository', shape?.image?.repository ?? image.repository);
  }

  // The deployment: the one SERVICE names, or each of the app's deployments in turn.
  const deployments = shape?.deployments ?? [];
  const typedService = positional('service');
  let deploymentRounds: (AppDeploymentShape | undefined)[] = [undefined];
  if (typedService) {
    const match = deployments.find((d) => d.name === typedService);
    if (match) deploymentRounds = [match];
    else if (shape) {
      warnings.push(
        deployments.length > 0
          ? `${app?.name} has no deployment "${typedService}" in ${environment?.name}; its deployments are ${deployments.map((d) => d.name).join(', ')}.`
          : `${app?.name} has no deployments in ${environment?.name}.`,
      );
    } else {
      set('service', typedService);
      if (values.app) set('deployment', `${values.app.text}-${typedService}`);
      if (apps.length > 0) warnings.push(`Pick the app to check that "${typedService}" is one of its deployments.`);
    }
  } else if (deployments.length > 0) {
    deploymentRounds = deployments;
  }

  const knownSecrets = Object.keys(shape?.secrets ?? {});
  const pairs = variablePairs(parsed, knownSecrets, warnings);
  const facts = { image, database: flag('--database') !== undefined, appKnown: shape !== undefined };

  const equivalents: FilledEquivalent[] = [];
  const addEquivalent = (equivalent: CommandEquivalent, round: Round) => {
    const roundValues: Values = { ...values };
    if (round.deployment && app) {
      roundValues.service = { text: round.deployment.name };
      roundValues.deployment = { text: `${app.name}-${round.deployment.name}` };
    }
    const variable = round.pair?.var ?? values.var?.text;
    if (round.pair) {
      roundValues.var = { text: round.pair.var };
      if (round.pair.value !== undefined && round.pair.secret === null) roundValues.value = { text: round.pair.value };
    }
    if (variable) {
      const existing = shape?.secrets[variable];
      roundValues.secret = { text: existing ?? suggestedSecretName(app?.name, variable) };
    }
    const shell = SHELL_TOOLS.has(equivalent.tool);
    const filled = fillTemplate(equivalent.command, roundValues, { shell });
    const note = equivalent.note ? fillTemplate(equivalent.note, roundValues, { shell: false }).text : undefined;
    equivalents.push({
      tool: equivalent.tool,
      command: filled.text,
      template: equivalent.command,
      ...(note ? { note } : {}),
      ...(round.deployment && deploymentRounds.length > 1 ? { deployment: round.deployment.name } : {}),
      ...(equivalent.when ? { when: equivalent.when } : {}),
      missing: filled.missing,
    });
  };

  for (const equivalent of entry.equivalents) {
    const perDeployment = usesAny(equivalent.command, ['deployment', 'service']) || equivalent.when === 'autoscaled' || equivalent.when === 'fixed-replicas';
    const perPair = usesAny(equivalent.command, ['var', 'value', 'secret']) || equivalent.when === 'secret-value' || equivalent.when === 'plain-value';
    const dRounds = perDeployment ? deploymentRounds : [undefined];
    const pRounds: (VariablePair | undefined)[] = perPair && pairs.length > 0 ? pairs : [undefined];
    for (const deployment of dRounds) {
      for (const pair of pRounds) {
        const round: Round = { deployment, pair };
        if (equivalent.when && conditionHolds(equivalent.when, round, facts) === false) continue;
        addEquivalent(equivalent, round);
      }
    }
  }

  const flagsParsed: ParsedFlag[] = [
    ...parsed.flags,
    ...parsed.positionals.map(({ arg, value }) => ({
      name: arg.name,
      value: arg.variadic && arg.name.includes('=') && secretReason(value.split('=')[0], value.slice(value.indexOf('=') + 1), knownSecrets) ? `${value.split('=')[0]}=…` : value,
    })),
  ];

  let berth: TranslationResult['berth'];
  if (entry.berth) {
    const filled = fillTemplate(entry.berth.path, values, { shell: false });
    berth = { label: entry.berth.label, path: filled.missing.length === 0 ? filled.text : entry.berth.path, missing: filled.missing };
  }

  return {
    status: entry.removed ? 'removed' : 'ok',
    commandName: entry.command,
    entry,
    flagsParsed,
    unknownFlags: parsed.unknownFlags,
    equivalents,
    ...(berth ? { berth } : {}),
    suggestions: [],
    warnings,
    app: app?.name ?? null,
    env: environment?.name ?? null,
    redactedInput: redact(allTokens, knownSecrets),
  };
}

/** The command line with the value of every secret-looking VAR=VAL replaced by …. */
function redact(tokens: string[], knownSecrets: string[]): string {
  return tokens
    .map((token) => {
      const eq = token.indexOf('=');
      if (eq > 0 && !token.startsWith('-') && secretReason(token.slice(0, eq), token.slice(eq + 1), knownSecrets)) return `${token.slice(0, eq)}=…`;
      if (eq > 0 && token.startsWith('--') && /^--(password|private-registry-password|api_key|token)$/.test(token.slice(0, eq))) return `${token.slice(0, eq)}=…`;
      return shellQuote(token);
    })
    .join(' ');
}
