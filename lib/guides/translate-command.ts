// Translates an `aptible …` command line into its GKE / GCP / Berth equivalents.
// Isomorphic (no fs, no server-only): the /commands page runs it in the browser with the command
// list the server loaded from content/commands.yaml.
import type { CommandArg, CommandEntry, CommandEnvironment, CommandFlag, EquivalentTool } from './schemas';

/** Every placeholder a template in content/commands.yaml may use, with what fills it. */
export const PLACEHOLDERS = {
  app: 'the app (--app, or the page you are on)',
  namespace: "the app's Kubernetes namespace",
  context: 'the kube context: stage or production',
  deployment: 'the Deployment: <app>-<service>, e.g. patient-portal-web',
  project: 'the GCP project: meridian-stage or meridian-prod',
  cluster: 'the GKE cluster: gke-stage or gke-production',
  region: 'the region: us-central1',
  env: 'the environment: stage or production',
  service: 'the Aptible service / values deployments.<name>, e.g. web',
  count: 'the container count (replicas)',
  sizeMb: 'the container size in MB',
  memory: 'the memory request and limit, from the container size',
  cpu: 'the CPU request, from the container size and profile',
  profile: 'the container profile: m, c or r',
  var: 'an environment variable name',
  value: "an environment variable's value",
  secret: 'a Secret Manager secret name',
  instance: 'a Cloud SQL instance',
  database: 'a database inside the instance',
  user: 'a database user',
  port: 'a local port',
  image: 'a container image reference',
  tag: 'an image tag CI built: <date>-<short git sha>',
  ref: 'a git commit, branch or tag',
  operation: 'an Aptible operation id',
  command: 'a command to run in the container',
  pod: 'a pod name (kubectl get pods)',
  hostname: "an endpoint's hostname",
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

export type TranslationContext = Partial<
  Record<'app' | 'namespace' | 'context' | 'deployment' | 'project' | 'cluster' | 'region' | 'env', string>
>;

export type TranslateOptions = {
  /** Aptible environment handles and the cluster each one moved to (commands.yaml `environments`). */
  environments?: CommandEnvironment[];
};

export type ParsedFlag = { name: string; value: string };

export type FilledEquivalent = {
  tool: EquivalentTool;
  /** The template with every known placeholder filled; the rest shown as <APP>, <SIZE_MB>. */
  command: string;
  template: string;
  note?: string;
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
  /** Things worth telling the user: a missing value, an extra argument, an unclosed quote. */
  warnings: string[];
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

  const pushPositional = (value: string): boolean => {
    const arg = args[argIndex];
    if (!arg) {
      result.warnings.push(`Unexpected argument "${value}": \`aptible ${entry.command}\` does not take it.`);
      return false;
    }
    result.positionals.push({ arg, value });
    if (!arg.variadic && !arg.rest) argIndex += 1;
    return true;
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
      if (flag.value === undefined) {
        result.flags.push({ name: flag.name, value: inline ?? 'true' });
        continue;
      }
      let value = inline;
      if (value === undefined) {
        const next = tokens[i + 1];
        if (next !== undefined && !/^--[A-Za-z]/.test(next)) {
          value = next;
          i += 1;
        }
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
// Values for the placeholders

const PROFILE_MB_PER_CPU: Record<string, number> = { m: 4096, c: 2048, r: 8192 };

function findEnvironment(environments: CommandEnvironment[], handle: string): CommandEnvironment | undefined {
  const wanted = handle.toLowerCase();
  return environments.find((env) => env.name === wanted || env.aptible.some((alias) => alias.toLowerCase() === wanted));
}

function buildValues(
  entry: CommandEntry,
  parsed: ParsedArgs,
  context: TranslationContext,
  environments: CommandEnvironment[],
  warnings: string[],
): Values {
  const values: Values = {};
  const set = (name: string, text: string | undefined, raw = false) => {
    if (text !== undefined && text !== '') values[name] = { text, raw };
  };

  for (const [name, text] of Object.entries(context)) set(name, text);

  const environmentFlag = parsed.flags.find((flag) => flag.name === '--environment');
  if (environmentFlag) {
    const env = findEnvironment(environments, environmentFlag.value);
    if (env) {
      set('env', env.name);
      set('context', env.context);
      set('project', env.project);
      set('cluster', env.cluster);
      set('region', env.region);
    } else if (environments.length > 0) {
      warnings.push(
        `Unknown Aptible environment "${environmentFlag.value}"; known: ${environments.flatMap((e) => e.aptible).join(', ')}.`,
      );
    }
  }
  if (!values.context && values.env) {
    const env = findEnvironment(environments, values.env.text);
    if (env) {
      set('context', env.context);
      set('project', values.project?.text ?? env.project);
      set('cluster', values.cluster?.text ?? env.cluster);
      set('region', values.region?.text ?? env.region);
    }
  }

  for (const flag of parsed.flags) {
    const placeholder = findFlag(entry, flag.name)?.placeholder;
    if (placeholder && placeholder !== 'env') set(placeholder, flag.value);
  }

  const rest = parsed.positionals.filter((p) => p.arg.rest);
  if (rest.length > 0 && rest[0].arg.placeholder) {
    set(rest[0].arg.placeholder, rest.map((p) => shellQuote(p.value)).join(' '), true);
  }
  for (const { arg, value } of parsed.positionals) {
    // Variadic VAR=VAL pairs fill {var}/{value} per equivalent instead (see variablePairs).
    if (arg.rest || arg.variadic || !arg.placeholder) continue;
    set(arg.placeholder, value);
  }

  for (const [name, text] of Object.entries(entry.defaults ?? {})) {
    if (!values[name]) set(name, text, name === 'command');
  }

  // Derived values: the chart names Deployments <app>-<service>.
  if (!values.deployment && values.app && values.service) set('deployment', `${values.app.text}-${values.service.text}`);
  const sizeMb = values.sizeMb?.text;
  if (sizeMb !== undefined) {
    const mb = Number(sizeMb);
    if (!Number.isFinite(mb) || mb <= 0) {
      warnings.push(`--container-size takes a size in MB (512, 1024, 2048 …), not "${sizeMb}".`);
    } else {
      set('memory', `${mb}Mi`);
      const profile = (values.profile?.text ?? 'm').toLowerCase();
      const perCpu = PROFILE_MB_PER_CPU[profile];
      if (perCpu) set('cpu', `${Math.max(1, Math.round((mb / perCpu) * 1000))}m`);
    }
  }
  if (values.profile && !PROFILE_MB_PER_CPU[values.profile.text.toLowerCase()]) {
    warnings.push(`--container-profile is m, c or r, not "${values.profile.text}".`);
  }
  if (!values.tag) {
    const image = values.image?.text;
    const tagFromImage = image && /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1));
    if (tagFromImage) set('tag', tagFromImage[1]);
  }
  return values;
}

/** `VAR=VAL` pairs of a variadic argument, for templates that use {var} / {value}. */
function variablePairs(parsed: ParsedArgs, warnings: string[]): { var: string; value: string | undefined }[] {
  const pairs: { var: string; value: string | undefined }[] = [];
  for (const { arg, value } of parsed.positionals) {
    if (!arg.variadic) continue;
    const eq = value.indexOf('=');
    if (arg.name.includes('=')) {
      if (eq <= 0) {
        warnings.push(`"${value}" is not VAR=VALUE.`);
        continue;
      }
      const name = value.slice(0, eq);
      const val = value.slice(eq + 1);
      if (val === '') {
        warnings.push(`"${name}=" deleted ${name} on Aptible; here remove the key from the values instead (config:unset).`);
      }
      pairs.push({ var: name, value: val });
    } else {
      pairs.push({ var: value, value: undefined });
    }
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// The translator

const SHELL_TOOLS: ReadonlySet<EquivalentTool> = new Set(['kubectl', 'gcloud', 'helm', 'git']);

function emptyResult(commandName: string | null, warnings: string[]): TranslationResult {
  return { status: 'unknown', commandName, flagsParsed: [], unknownFlags: [], equivalents: [], suggestions: [], warnings };
}

export function translateCommand(
  input: string,
  commands: CommandEntry[],
  context: TranslationContext = {},
  options: TranslateOptions = {},
): TranslationResult {
  const { tokens: allTokens, error } = tokenizeCommandLine(input.trim().replace(/^\$\s+/, ''));
  const warnings = error ? [error] : [];
  const tokens = allTokens[0]?.toLowerCase() === 'aptible' ? allTokens.slice(1) : allTokens;
  const commandName = tokens[0];

  if (commandName === undefined) return emptyResult(null, [...warnings, 'Type an aptible command, e.g. aptible logs --app patient-portal.']);
  if (commandName.startsWith('-')) {
    return emptyResult(null, [...warnings, 'Start with the command name, e.g. aptible apps:scale web --container-count 3.']);
  }

  const entry = commands.find((candidate) => candidate.command === commandName.toLowerCase());
  if (!entry) {
    return { ...emptyResult(commandName, warnings), suggestions: suggestCommands(commandName, commands) };
  }

  const parsed = parseArguments(entry, tokens.slice(1));
  warnings.push(...parsed.warnings);
  const values = buildValues(entry, parsed, context, options.environments ?? [], warnings);
  const pairs = variablePairs(parsed, warnings);

  const equivalents: FilledEquivalent[] = [];
  for (const equivalent of entry.equivalents) {
    const shell = SHELL_TOOLS.has(equivalent.tool);
    const usesPair = /\{(var|value)\}/.test(equivalent.command);
    const rounds = usesPair && pairs.length > 0 ? pairs : [undefined];
    for (const pair of rounds) {
      const roundValues: Values = { ...values };
      if (pair) {
        roundValues.var = { text: pair.var };
        if (pair.value !== undefined) roundValues.value = { text: pair.value };
      }
      const filled = fillTemplate(equivalent.command, roundValues, { shell });
      equivalents.push({
        tool: equivalent.tool,
        command: filled.text,
        template: equivalent.command,
        ...(equivalent.note ? { note: equivalent.note } : {}),
        missing: filled.missing,
      });
    }
  }

  const flagsParsed: ParsedFlag[] = [
    ...parsed.flags,
    ...parsed.positionals.map(({ arg, value }) => ({ name: arg.name, value })),
  ];

  let berth: TranslationResult['berth'];
  if (entry.berth) {
    const filled = fillTemplate(entry.berth.path, values, { shell: false });
    berth = {
      label: entry.berth.label,
      path: filled.missing.length === 0 ? filled.text : entry.berth.path,
      missing: filled.missing,
    };
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
  };
}
